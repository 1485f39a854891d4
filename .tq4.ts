import { renderDiff } from './src/mutation/diff.js';
console.log(renderDiff('a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\n', 'a\nb\nC\nd\ne\nf\ng\nh\ni\nj\nK\nl'));
console.log(renderDiff('x: 1\n', 'x: 2\ny: 3\n', {file: 'values.yaml'}));
console.log(JSON.stringify(renderDiff('', 'a\n')));
