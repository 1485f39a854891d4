import * as z from 'zod';
import { kustomizeImagesFromFreight, setKustomizeImages, type KustomizeImage } from '../../mutation/index.js';
import { defineStep } from '../registry.js';
import { confinePath } from '../secure-path.js';
import { stepErrored, stepSucceeded } from '../step-results.js';
import { describeIssues, errorText, joinPath, workTreeOf } from './support.js';

/** The file names kustomize recognizes as a kustomization. */
export const KUSTOMIZATION_FILE_NAMES: readonly string[] = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

const imageSchema = z
  .strictObject({
    image: z.string().min(1),
    name: z.string().optional(),
    newName: z.string().optional(),
    tag: z.string().optional(),
    digest: z.string().optional(),
  })
  .superRefine((im, ctx) => {
    const hasTag = im.tag !== undefined && im.tag !== '';
    const hasDigest = im.digest !== undefined && im.digest !== '';
    if (hasTag === hasDigest) ctx.addIssue({ code: 'custom', message: 'exactly one of tag and digest must be set' });
  });

/**
 * `kustomize-set-image`: sets image tags or digests in the kustomization found in `path` (exactly
 * one of kustomization.yaml, kustomization.yml, Kustomization; links are not followed). Without
 * `images`, every image of the promotion's Freight is set, tag and digest. The `images` list is
 * edited in place and sorted by name; the rest of the file keeps its bytes. Output:
 * `commitMessage`.
 */
export const kustomizeSetImageStep = defineStep({
  uses: 'kustomize-set-image',
  configSchema: z.strictObject({ path: z.string().min(1), images: z.array(imageSchema).optional() }),
  run: async (config, context) => {
    const wt = workTreeOf(context, 'kustomize-set-image');
    if ('result' in wt) return wt.result;
    const dir = confinePath(config.path);
    try {
      const entries = (await wt.tree.list(dir)) ?? [];
      const found = entries.filter((e) => e.type === 'file' && KUSTOMIZATION_FILE_NAMES.includes(e.name));
      if (found.length === 0) return stepErrored(`could not find any Kustomization files in ${JSON.stringify(config.path)}`);
      if (found.length > 1) {
        return stepErrored(`ambiguous result: found multiple Kustomization files in ${JSON.stringify(config.path)}: ${found.map((f) => f.name).join(', ')}`);
      }
      let images: KustomizeImage[];
      if (config.images !== undefined) {
        images = config.images.map((im) => ({
          image: im.image,
          ...(im.name === undefined ? {} : { name: im.name }),
          ...(im.newName === undefined ? {} : { newName: im.newName }),
          ...(im.tag === undefined ? {} : { tag: im.tag }),
          ...(im.digest === undefined ? {} : { digest: im.digest }),
        }));
      } else {
        const fromFreight = kustomizeImagesFromFreight(context.freight as readonly { images?: { repoURL: string; tag?: string; digest?: string }[] }[]);
        if (!fromFreight.ok) return stepErrored(`manual configuration required due to ambiguous result: ${describeIssues(fromFreight.issues)}`);
        images = fromFreight.value;
      }
      const file = joinPath(dir, (found[0] as { name: string }).name);
      const text = (await wt.tree.readFile(file)) ?? '';
      const edited = setKustomizeImages(text, images);
      if (!edited.ok) return stepErrored(`error updating ${JSON.stringify(config.path)}: ${describeIssues(edited.issues)}`);
      if (edited.value.text !== text) await wt.tree.writeFile(file, edited.value.text);
      return stepSucceeded({ commitMessage: commitMessageFor(config.path, images) });
    } catch (e) {
      return stepErrored(`error updating ${JSON.stringify(config.path)}: ${errorText(e)}`);
    }
  },
});

function commitMessageFor(path: string, images: readonly KustomizeImage[]): string {
  const targets = new Map<string, KustomizeImage>();
  for (const im of images) targets.set(im.name !== undefined && im.name !== '' ? im.name : im.image, im);
  const names = [...targets.keys()].sort();
  const lines = names.map((name) => {
    const im = targets.get(name) as KustomizeImage;
    const shown = im.newName !== undefined && im.newName !== '' ? im.newName : name;
    return `\n- ${shown}${im.tag !== undefined && im.tag !== '' ? `:${im.tag}` : ''}${im.digest !== undefined && im.digest !== '' ? `@${im.digest}` : ''}`;
  });
  return `Updated ${path} to use new image${names.length > 1 ? 's' : ''}\n${lines.join('')}`;
}
