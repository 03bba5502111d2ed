/** Starts a simulator on 127.0.0.1 and an ephemeral port; close it in afterAll/afterEach. */
import { createSimulator } from '../../src/simulator/create-simulator.js';
import type { Simulator, SimulatorOptions } from '../../src/simulator/types.js';

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const simulator = createSimulator(options);
  await simulator.listen(0, '127.0.0.1');
  return simulator;
}
