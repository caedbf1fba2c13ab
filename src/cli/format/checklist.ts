import type { ExerciseResult } from '../../shared/exercises/exercise-result';

/** The judge's result as text for a terminal: one line per criterion, hints under failed ones, then the score. */
export function formatChecklist(result: ExerciseResult): string {
  const lines = [`Exercise ${result.exercise}: ${result.title}`];
  if (result.run !== null) {
    const run = result.run;
    lines.push(
      `Trained ${run.epochs} epoch${run.epochs === 1 ? '' : 's'} on backend ${run.backend}: ${run.optimizer}, ` +
        `learning rate ${run.learningRate}, batch ${run.batchSize}, ${run.loss}, seed ${run.seed}, ` +
        `${Math.round(run.validationSplit * 100)} % validation`,
    );
  }
  for (const adjustment of result.adjustments) lines.push(`  note: ${adjustment}`);
  if (result.problems.length > 0) {
    lines.push(result.run === null ? 'Not trained:' : 'Training did not finish:');
    for (const problem of result.problems) lines.push(`  - ${problem}`);
  }
  lines.push('');
  for (const criterion of result.criteria) {
    const mark = criterion.passed ? '[x]' : '[ ]';
    const points = `${criterion.passed ? criterion.points : 0}/${criterion.points}`;
    const measured = criterion.measured === null ? criterion.measuredText : `measured ${criterion.measuredText}`;
    lines.push(`${mark} ${criterion.description}: ${measured}  (${points})`);
    if (!criterion.passed && criterion.hint !== '') lines.push(`    Hint: ${criterion.hint}`);
  }
  lines.push('');
  lines.push(`Score ${result.score}/${result.maxScore}: ${result.passed ? 'passed' : 'not passed yet'}`);
  return lines.join('\n');
}
