// Closed-loop load with samples along the way, for the memory check and the
// soak: `inFlight` loops each await one `step(i)` at a time, where `step`
// returns how many operations it counts for, until `operations` are done.
// `sample(done)` is recorded once `firstSample` operations are done and then
// every `sampleEvery`.
export async function sampledLoad({ operations, inFlight, firstSample, sampleEvery, step, sample }) {
  let done = 0;
  let issued = 0;
  let nextSample = firstSample;
  const samples = [];
  const loop = async () => {
    while (done < operations) {
      const counted = await step(issued++);
      done += counted; // not `done += await ...`, which would add to a stale `done`
      if (done >= nextSample) {
        nextSample += sampleEvery;
        samples.push(sample(done));
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, loop));
  return { done, samples };
}
