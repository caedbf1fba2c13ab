import { defineCriterion } from './criterion-definition';
import { formatMeasure } from './format-measure';

export const CLASS_RECALL_MIN = defineCriterion<{ className?: string; min: number }>({
  kind: 'class-recall-min',
  label: 'Recall per class at least',
  measures:
    'For one class, or for every class: the share of its validation samples classified as that class (the confusion matrix row), after the last epoch. For every class, the lowest recall counts.',
  stage: 'trained',
  comparison: 'at-least',
  unit: 'fraction',
  params: [
    {
      key: 'className',
      label: 'Class',
      type: 'class-name',
      help: 'One class of the data set; leave it empty to ask it of every class.',
    },
    {
      key: 'min',
      label: 'Minimum recall',
      type: 'fraction',
      min: 0,
      max: 1,
      default: 0.6,
      help: 'A classifier that ignores one class can still have a good overall accuracy; this catches it.',
    },
  ],
  describe: ({ className, min }) =>
    className === undefined
      ? `Recall of every class ≥ ${formatMeasure(min, 'fraction')}`
      : `Recall of class “${className}” ≥ ${formatMeasure(min, 'fraction')}`,
  target: ({ min }) => min,
  measure: ({ className }, { run }) => {
    if (run === null) return { value: null };
    if (className !== undefined) {
      const index = run.classNames.indexOf(className);
      return index < 0
        ? { value: null, detail: `the data has no class “${className}”` }
        : { value: run.classRecall[index] ?? null };
    }
    let lowest: number | null = null;
    let lowestClass = '';
    run.classRecall.forEach((recall, index) => {
      if (recall === null || (lowest !== null && recall >= lowest)) return;
      lowest = recall;
      lowestClass = run.classNames[index];
    });
    return lowest === null ? { value: null } : { value: lowest, detail: `lowest: ${lowestClass}` };
  },
  exerciseProblem: (_params, exercise) =>
    exercise.task === 'classification' ? null : 'recall is only measured for classification exercises',
});
