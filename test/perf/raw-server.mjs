// The bar every service is measured against: plain node:http answering fixed bytes from a file
// (`node raw-server.mjs <file> <content-type>`), with PORT from the environment.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

const body = readFileSync(process.argv[2]);
const type = process.argv[3] ?? 'application/json; charset=utf-8';
createServer((req, res) => {
  res.writeHead(200, { 'content-type': type, 'content-length': body.length });
  res.end(body);
}).listen(Number(process.env.PORT), '127.0.0.1');
