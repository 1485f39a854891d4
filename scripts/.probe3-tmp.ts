import { updateYaml } from '../src/index.js';
import { updateYamlOnCst } from '../src/mutation/update-yaml.js';
for (const t of ['a: |\n  x\n  y \n', 'a: |\n  x\n  y \nb: 1\n', 'a: |\n  y \n']) {
  const r = updateYaml(t, [{ key: 'a', value: 'z\ny \n' }]);
  const r2 = updateYamlOnCst(t, [{ key: 'a', value: 'z\ny \n' }]);
  console.log(JSON.stringify(r.ok && r.value.text), JSON.stringify(r2.ok && r2.value.text));
}
