import { describe, expect, it } from 'vitest';
import { extractTemplate } from './extractor.js';
import { dislocation } from './extraction/synthetic-prints.js';
import { collectingSink, STAGE_NAMES, stageImage } from './stage-sink.js';

describe('stage sink', () => {
  it('receives every stage once, by name, and the result does not depend on it', async () => {
    const img = dislocation(128, 128, 64, 64, 9);
    const seen: string[] = [];
    const { sink, outputs } = collectingSink();
    const withSink = await extractTemplate(img, {
      sink: (stage, output) => {
        seen.push(stage);
        sink(stage, output);
      },
    });
    expect(seen).toEqual([...STAGE_NAMES]);
    const without = await extractTemplate(img);
    expect(without).toEqual(withSink);
    for (const stage of STAGE_NAMES) {
      const pic = stageImage(stage, outputs[stage] as never);
      if (pic) expect(pic.pixels.length).toBe(pic.width * pic.height);
    }
    expect(stageImage('enhanced-image', outputs['enhanced-image']!)?.width).toBe(128);
    expect(stageImage('minutiae', outputs['minutiae']!)).toBeUndefined();
  });
});
