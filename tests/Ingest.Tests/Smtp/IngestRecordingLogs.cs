using Backscatter.Ingest.Tests.Alerts;

using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Backscatter.Ingest.Tests.Smtp;

/// <summary>The Ingest host at the production log level, keeping every line it writes.</summary>
public sealed class IngestRecordingLogs : RunningIngest
{
    public RecordingLoggerProvider Logs { get; } = new();

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
    {
        ["Logging:LogLevel:Default"] = "Information",
    };

    protected override void ConfigureHost(IWebHostBuilder builder) =>
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
}
