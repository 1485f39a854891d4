import { fastScan } from './src/mutation/yaml-fast-scan.js';
for (const t of ['a: [replica]\n', 'a: []\n', 'a: {x: 1, y: "b"} # c\n', 'a: {x: 1, x: 2}\n', 'a: [a, "b c", \'d\',]\n', 'a: [a b]\n', 'a: [a: b]\n', 'a: [[a]]\n', 'a: {x: 01, 1: 2}\n'])
  console.log(JSON.stringify(t), fastScan(t) ? 'accepted' : 'bail');
