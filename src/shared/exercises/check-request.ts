import { z } from 'zod';
import { zModelGraph } from '../graph/model-graph';
import { zTrainConfig } from '../training/train-config';
import { zExercise } from './exercise';

/**
 * What the app's Check sends the host: the open exercise (parsed again there, like every payload) and the
 * submission, which is only the graph and the training settings, as a check reads from a project file.
 */
export const zCheckExerciseRequest = z.strictObject({
  exercise: zExercise,
  submission: z.strictObject({ graph: zModelGraph, training: zTrainConfig }),
});
export type CheckExerciseRequest = z.infer<typeof zCheckExerciseRequest>;
