// Readiness probe for start.sh: a broker is ready for the tests only when a consumer group can join,
// because the group coordinator (and __consumer_offsets) appears a moment after the port opens.
const { Kafka, logLevel } = require('kafkajs');

const [brokers = '127.0.0.1:19092', timeoutSeconds = '60'] = process.argv.slice(2);
const deadline = Date.now() + Number(timeoutSeconds) * 1000;
const kafka = new Kafka({ clientId: 'ot-wait-ready', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
const topic = 'ot-ready-probe';

async function roundTrip() {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
  const consumer = kafka.consumer({ groupId: 'ot-ready-probe' });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async () => {} });
    // describeGroup answers only when the coordinator serves the group; it fails while it loads.
    for (;;) {
      const group = await consumer.describeGroup();
      if (group.state === 'Stable') return;
      if (Date.now() > deadline) throw new Error(`group state ${group.state}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await consumer.disconnect();
  }
}

(async () => {
  let attempt = 0;
  for (;;) {
    attempt += 1;
    try {
      await roundTrip();
      console.log(`kafka: consumer-group round trip ok after ${attempt} attempt(s)`);
      process.exit(0);
    } catch (error) {
      if (Date.now() > deadline) {
        console.error(`kafka: not ready after ${timeoutSeconds}s: ${error.message}`);
        process.exit(1);
      }
      console.log(`kafka: not ready yet (${error.message}), retrying`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
})();
