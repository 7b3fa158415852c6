/** The modes that trust the development credentials; every other NODE_ENV, unset included, is held to production's. */
export const DEVELOPMENT_MODES: readonly string[] = ['development', 'test'];

/** Whether NODE_ENV says, exactly, development or test: a mode that only resembles one (`Development`) does not. */
export const isDevelopmentMode = (nodeEnv: string | undefined): boolean =>
  nodeEnv !== undefined && DEVELOPMENT_MODES.includes(nodeEnv);

/** How a refusal names the mode it ran in. */
export const describeMode = (nodeEnv: string | undefined): string =>
  nodeEnv ? `NODE_ENV=${nodeEnv}` : 'NODE_ENV unset (set NODE_ENV=development for local use)';
