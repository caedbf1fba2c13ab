import type { Exercise } from '../exercise';
import { AUTOENCODER_EXERCISE } from './autoencoder';
import { CNN_EXERCISE } from './cnn';
import { DROPOUT_EXERCISE } from './dropout';
import { FEED_FORWARD_EXERCISE } from './feed-forward';
import { LR_BASELINE } from './lr-baseline';
import { MAXOUT_EXERCISE } from './maxout';
import { OPTIMIZERS_EXERCISE } from './optimizers';
import { VANISHING_GRADIENTS } from './vanishing-gradients';
import { XOR_EXERCISE } from './xor';

/** The built-in exercises, in the order of the seminar. */
export const COURSE_EXERCISES: readonly Exercise[] = [
  LR_BASELINE,
  FEED_FORWARD_EXERCISE,
  CNN_EXERCISE,
  VANISHING_GRADIENTS,
  DROPOUT_EXERCISE,
  MAXOUT_EXERCISE,
  OPTIMIZERS_EXERCISE,
  AUTOENCODER_EXERCISE,
  XOR_EXERCISE,
];

export function getCourseExercise(id: string): Exercise | undefined {
  return COURSE_EXERCISES.find((exercise) => exercise.id === id);
}
