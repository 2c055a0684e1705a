// Bundles the UI into internal/web/dist, which the Go binary embeds.
import { build } from 'esbuild';
import { copyFile, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'internal', 'web', 'dist');

// Clear the previous build but keep the committed README.md.
await mkdir(out, { recursive: true });
for (const f of await readdir(out)) {
  if (f !== 'README.md') await rm(join(out, f), { recursive: true, force: true });
}
await build({
  entryPoints: [join(here, 'src', 'app.js')],
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  outfile: join(out, 'app.js'),
  loader: { '.png': 'dataurl', '.svg': 'dataurl' },
  legalComments: 'linked',
  logLevel: 'warning',
});
// esbuild writes the CSS imported by app.js (Leaflet's) to app.css; put
// ours after it.
const { readFile } = await import('node:fs/promises');
const vendorCSS = await readFile(join(out, 'app.css'), 'utf8').catch(() => '');
const ownCSS = await readFile(join(here, 'src', 'app.css'), 'utf8');
await writeFile(join(out, 'app.css'), vendorCSS + '\n' + ownCSS);
await copyFile(join(here, 'src', 'index.html'), join(out, 'index.html'));
await writeFile(join(out, 'BUILT'), new Date().toISOString() + '\n');
console.log('web: built', out);
