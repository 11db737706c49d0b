using Backscatter.Domain.Verdicts;
using Backscatter.Ingest.Smtp;

using Microsoft.Extensions.Options;

namespace Backscatter.Ingest.Classification;

/// <summary>Our own ingest servers' names: hops from them are never a reflector.</summary>
public sealed class IngestHostNames(IOptions<SmtpOptions> smtp)
{
    public HostNameList Names { get; } = new([smtp.Value.HostName, "*." + smtp.Value.HostName]);
}
