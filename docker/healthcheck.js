// Container healthcheck: healthy while GET /health/ready answers 200 on the process's port (the
// argument, else PORT); the readiness route names each check (event store, views, bus, lag, dispatcher).
const http = require('node:http');

const port = Number(process.argv[2] || process.env.PORT || 3000);
const request = http.get({ host: '127.0.0.1', port, path: '/health/ready', timeout: 2000 }, (response) => {
  response.resume();
  process.exit(response.statusCode === 200 ? 0 : 1);
});
request.on('timeout', () => process.exit(1));
request.on('error', () => process.exit(1));
