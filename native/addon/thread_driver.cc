#include "thread_driver.h"

#include "../engine/batch_run.h"
#include "batch_delivery.h"
#include "client.h"

namespace mcnative {

ThreadBatch::ThreadBatch(NativeClient* client, Napi::Object receiver, Napi::Function callback,
                         Napi::Array inputs, const BatchColumns& columns,
                         std::vector<Command> placed, ConnectionSet* set, int reply_ms)
    : ClientWorker(client, receiver, callback, "memcache-native:batch", set),
      inputs_(Napi::Persistent(inputs)),
      columns_(columns),
      placed_(std::move(placed)),
      reply_ms_(reply_ms) {}

void ThreadBatch::Run(Pool& pool, ConnectionSet& set) {
  if (placed_.empty()) placed_ = BatchRun::Place(pool.placement(), columns_);
  BatchRun run(pool, set, columns_, std::move(placed_), &result_.values, /*connect_allowed=*/true);
  run.set_reply_ms(reply_ms_);
  run.RunToEnd();
  run.WriteResults(/*servers=*/nullptr, columns_, &result_, /*copy_values_to=*/nullptr);
}

std::vector<napi_value> ThreadBatch::Results(Napi::Env env) {
  return BatchResultArguments(env, result_);
}

}  // namespace mcnative
