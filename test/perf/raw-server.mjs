// The bar every service is measured against: plain node:http answering fixed bytes from a file
// (`node raw-server.mjs <file> <content-type>`), with PORT from the environment. A request with a
// body (a POST) is read to its end and parsed as JSON first, as a service must before answering.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

const body = readFileSync(process.argv[2]);
const type = process.argv[3] ?? 'application/json; charset=utf-8';
const answer = (res) => {
  res.writeHead(200, { 'content-type': type, 'content-length': body.length });
  res.end(body);
};
createServer((req, res) => {
  if (req.method === 'GET' || req.method === 'HEAD') return answer(res);
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    JSON.parse(Buffer.concat(chunks).toString() || 'null');
    answer(res);
  });
}).listen(Number(process.env.PORT), '127.0.0.1');
