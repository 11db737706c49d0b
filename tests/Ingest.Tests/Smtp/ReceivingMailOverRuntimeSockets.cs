namespace Backscatter.Ingest.Tests.Smtp;

/// <summary>The listener with <c>Smtp:SessionLoops</c> 0: sessions on the runtime's asynchronous sockets.</summary>
public sealed class ReceivingMailOverRuntimeSockets(IngestOnRuntimeSockets ingest) : SmtpReceivingSpecification<IngestOnRuntimeSockets>(ingest);
