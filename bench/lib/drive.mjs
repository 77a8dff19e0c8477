// Closed-loop load: `inFlight` loops, each awaiting one operation at a time,
// for `seconds`; reports operations per second.
export async function drive(operation, { inFlight, seconds }) {
  let done = 0;
  let stop = false;
  const deadline = performance.now() + seconds * 1000;
  const loop = async (worker) => {
    let i = worker;
    while (!stop) {
      await operation(i);
      i += inFlight;
      if (++done % 256 === 0 && performance.now() >= deadline) stop = true;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, (_, worker) => loop(worker)));
  return done / ((performance.now() - started) / 1000);
}
