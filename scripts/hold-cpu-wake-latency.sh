#!/usr/bin/env bash
# Holds a PM QoS request on /dev/cpu_dma_latency at $1 µs until killed (root only), as tuned's
# latency-performance and network-latency profiles do: idle CPUs then poll instead of halting. On a
# VM idling through haltpoll, a halted vCPU waits for the host to resume it (docs/benchmarks.md,
# "Idle CPUs that halt"). The benchmarks use it with CPU_WAKE_LATENCY_US; a host setting, not the product's.
set -euo pipefail
exec perl -e 'open(my $f, ">", "/dev/cpu_dma_latency") or die "/dev/cpu_dma_latency: $!\n";
  syswrite($f, pack("l", shift(@ARGV))) == 4 or die "write: $!\n"; sleep' "${1:?microseconds}"
