// Chart label layout: a label takes its first place inside the plot that covers no label placed before it — a
// threshold's value moves below its line, then further away, when a phase marker's label sits where it would go.
import assert from 'node:assert/strict';
import { labelBox, overlaps, place, type Rect, thresholdCandidates } from '../../../webviews/shared/chart/labelLayout';

const plot: Rect = { left: 0, top: 0, right: 400, bottom: 200 };

describe('chart label layout', () => {
  it('puts a threshold value just above its line when nothing is there', () => {
    const placed: Rect[] = [];
    assert.deepEqual(place(thresholdCandidates(390, 100, 80, 15, 3), placed, plot), { left: 307, top: 82, right: 393, bottom: 97 });
    assert.equal(placed.length, 1);
  });

  it('moves it below its line when a marker label is above it, and further away when both are taken', () => {
    const marker = labelBox(320, 82, 60, 15, 'left', 3);
    const placed = [marker];
    const below = place(thresholdCandidates(390, 100, 80, 15, 3), placed, plot);
    assert.equal(below?.top, 102);
    const third = place(thresholdCandidates(390, 100, 80, 15, 3), placed, plot);
    assert.ok(third && !overlaps(third, marker, 2) && (below === undefined || !overlaps(third, below, 2)), JSON.stringify(third));
  });

  it('never picks a place outside the plot while one inside is free (a threshold at the bottom goes above)', () => {
    const r = place(thresholdCandidates(390, 199, 80, 15, 3), [], plot);
    assert.ok(r && r.bottom <= plot.bottom && r.top >= plot.top, JSON.stringify(r));
  });

  it('still shows a label when every place is taken: the one covering the fewest', () => {
    const crowd = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((i) => ({ left: 0, top: i * 16, right: 400, bottom: i * 16 + 15 }));
    const r = place(thresholdCandidates(390, 100, 80, 15, 3), [...crowd], plot);
    assert.ok(r);
  });

  it('tells touching boxes apart from separate ones by the gap', () => {
    const a = { left: 0, top: 0, right: 10, bottom: 10 };
    assert.equal(overlaps(a, { left: 11, top: 0, right: 20, bottom: 10 }), false);
    assert.equal(overlaps(a, { left: 11, top: 0, right: 20, bottom: 10 }, 2), true);
    assert.equal(overlaps(a, { left: 0, top: 10, right: 10, bottom: 20 }), false);
  });
});
