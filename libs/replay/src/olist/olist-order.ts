/** One row of olist-orders.csv (see /work/shared/data/README.md); times are local, without offset. */
export type OlistOrder = Readonly<{
  orderId: string;
  customerId: string;
  status: string;
  purchasedAt: string;
  approvedAt?: string;
  handedToCarrierAt?: string;
  deliveredAt?: string;
  promisedDate: string;
  customer: { zip: string; city: string; state: string };
  seller: { zip: string; city: string; state: string };
  /** The first item's seller (seller_id): the order's shipper. */
  sellerId?: string;
  itemCount?: number;
  /** The items' prices and freight values summed (price_total, freight_total). */
  priceTotal?: number;
  freightTotal?: number;
  shippingLimitAt?: string;
}>;

const blank = (v: string | undefined): string | undefined => (v && v.trim() !== '' ? v.trim() : undefined);
/** A non-negative amount, or undefined when blank or not a number. */
const amount = (v: string | undefined): number | undefined => {
  const n = blank(v) === undefined ? Number.NaN : Number(v);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
};

export function toOlistOrder(r: Record<string, string>): OlistOrder {
  const count = Number(r.item_count);
  return {
    orderId: r.order_id,
    customerId: r.customer_id,
    status: r.order_status,
    purchasedAt: r.purchased_at,
    approvedAt: blank(r.approved_at),
    handedToCarrierAt: blank(r.handed_to_carrier_at),
    deliveredAt: blank(r.delivered_at),
    promisedDate: r.promised_date.slice(0, 10),
    customer: { zip: r.customer_zip_prefix, city: r.customer_city, state: r.customer_state },
    seller: { zip: r.seller_zip_prefix, city: r.seller_city, state: r.seller_state },
    sellerId: blank(r.seller_id),
    itemCount: Number.isInteger(count) && count > 0 ? count : undefined,
    priceTotal: amount(r.price_total),
    freightTotal: amount(r.freight_total),
    shippingLimitAt: blank(r.shipping_limit_at),
  };
}
