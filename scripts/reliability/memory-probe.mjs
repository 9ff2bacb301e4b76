// Loaded into the service by the soak (`node --import ./scripts/reliability/memory-probe.mjs
// dist/main.js`, started with an IPC channel): answers the message 'memory' with the process's
// own process.memoryUsage(), so the soak can report the heap next to the RSS it reads from /proc.
// Does nothing when the process has no IPC channel.
if (process.send) {
  process.on('message', (message) => {
    if (message === 'memory') process.send({ memory: process.memoryUsage() });
  });
  // The channel must not keep the service alive, nor change how it shuts down.
  process.channel?.unref();
}
