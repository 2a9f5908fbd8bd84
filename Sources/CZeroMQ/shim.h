// The one door to libzmq (Debian: libzmq3-dev). Only Sources/Kernel/ZMQSocket.swift uses it.
#pragma once
#include <zmq.h>
