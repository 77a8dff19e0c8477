{
  "targets": [
    {
      "target_name": "memcache_native",
      "sources": [
        "native/addon/addon.cc",
        "native/addon/admin_worker.cc",
        "native/addon/batch_delivery.cc",
        "native/addon/client.cc",
        "native/addon/client_worker.cc",
        "native/addon/handed_over.cc",
        "native/addon/loop_driver.cc",
        "native/addon/thread_driver.cc",
        "native/engine/ascii_wire.cc",
        "native/engine/batch.cc",
        "native/engine/batch_run.cc",
        "native/engine/binary_wire.cc",
        "native/engine/connection.cc",
        "native/engine/opcodes_statuses.cc",
        "native/engine/pipeline.cc",
        "native/engine/placement.cc",
        "native/engine/pool.cc",
        "native/engine/tls_session.cc"
      ],
      "include_dirs": [
        "<!(node -p \"require('node-addon-api').include_dir\")"
      ],
      "defines": [
        "NAPI_VERSION=8",
        "NODE_ADDON_API_DISABLE_DEPRECATED",
        "NAPI_CPP_EXCEPTIONS"
      ],
      "cflags!": ["-fno-exceptions"],
      "cflags_cc!": ["-fno-exceptions", "-std=gnu++17"],
      "cflags_cc": ["-std=c++17", "-fexceptions", "-Wall", "-Wextra", "-Wno-unused-parameter"],
      "dependencies": ["deps/libmemcached/libmemcached.gyp:libmemcached"]
    }
  ]
}
