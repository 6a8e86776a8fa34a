// Container healthcheck: healthy once the process accepts connections on its port (the argument,
// else PORT). A port probe until a readiness route exists to ask instead.
const net = require('node:net');

const port = Number(process.argv[2] || process.env.PORT || 3000);
const socket = net.connect(port, '127.0.0.1');
socket.setTimeout(2000, () => process.exit(1));
socket.on('connect', () => process.exit(0));
socket.on('error', () => process.exit(1));
