#include "thread_driver.h"

#include "../engine/batch_run.h"
#include "batch_delivery.h"
#include "client.h"

namespace mcnative {

ThreadBatch::ThreadBatch(NativeClient* client, Napi::Object receiver, Napi::Function callback,
                         Napi::Array inputs, size_t count, ConnectionSet* set, int reply_ms)
    : ClientWorker(client, receiver, callback, "memcache-native:batch", set),
      inputs_(Napi::Persistent(inputs)),
      reply_ms_(reply_ms) {
  columns_ = MapBatchInputs(inputs, count);
}

void ThreadBatch::Run(Pool& pool, ConnectionSet& set) {
  BatchRun run(pool, set, columns_, &result_.values, /*connect_allowed=*/true);
  run.set_reply_ms(reply_ms_);
  run.RunToEnd();
  run.WriteResults(/*servers=*/nullptr, columns_, &result_, /*copy_values_to=*/nullptr);
}

std::vector<napi_value> ThreadBatch::Results(Napi::Env env) {
  return BatchResultArguments(env, result_);
}

}  // namespace mcnative
