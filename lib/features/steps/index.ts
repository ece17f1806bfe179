import type { Frame } from '../columns';
import type { FittedStep } from '../fitted';
import type { Step } from '../spec';
import { compileBin, fitBin } from './bin';
import type { FitContext, StepRunner } from './context';
import { compileDerive, fitDerive } from './derive';
import { compileEncode, fitEncode } from './encode';
import { compileImpute, fitImpute } from './impute';
import { compileScale, fitScale } from './scale';
import { compileSelect, fitSelect } from './select';

/** Learns one step's parameters from the frame (the training rows at this point of the pipeline). */
export function fitStep(step: Step, frame: Frame, ctx: FitContext): FittedStep {
  switch (step.type) {
    case 'impute':
      return fitImpute(step, frame, ctx);
    case 'derive':
      return fitDerive(step, frame, ctx);
    case 'bin':
      return fitBin(step, frame, ctx);
    case 'encode':
      return fitEncode(step, frame, ctx);
    case 'scale':
      return fitScale(step, frame, ctx);
    case 'select':
    case 'drop':
      return fitSelect(step, frame, ctx);
  }
}

/** Builds the runner of a fitted step; the same runner serves fit, `apply` and `applyRow`. */
export function compileStep(f: FittedStep): StepRunner {
  switch (f.type) {
    case 'impute':
      return compileImpute(f);
    case 'derive':
      return compileDerive(f);
    case 'bin':
      return compileBin(f);
    case 'encode':
      return compileEncode(f);
    case 'scale':
      return compileScale(f);
    case 'select':
    case 'drop':
      return compileSelect(f);
  }
}
