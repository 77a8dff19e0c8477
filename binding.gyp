{
  "targets": [
    {
      "target_name": "memcache_native",
      "sources": [
        "native/addon.cc",
        "native/admin_worker.cc",
        "native/ascii_wire.cc",
        "native/batch.cc",
        "native/batch_delivery.cc",
        "native/batch_run.cc",
        "native/binary_wire.cc",
        "native/client.cc",
        "native/connection.cc",
        "native/loop_batch.cc",
        "native/pipeline.cc",
        "native/placement.cc",
        "native/pool.cc",
        "native/status.cc",
        "native/thread_batch.cc"
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
      "libraries": [
        "<!@(pkg-config --libs libmemcached)",
        "-Wl,-rpath,'$$ORIGIN'",
        "-Wl,--disable-new-dtags"
      ]
    }
  ]
}
