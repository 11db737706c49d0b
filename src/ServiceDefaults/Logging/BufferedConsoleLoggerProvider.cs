using System.Collections.Concurrent;

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Backscatter.ServiceDefaults.Logging;

/// <summary>
/// The console log with the runtime's formatters (<c>Logging:Console:FormatterName</c>: simple, json,
/// systemd) and options, written in batches (<see cref="ConsoleLogWriter"/>). The runtime's console
/// logger wakes its writer thread for every line: at thousands of SMTP sessions a second, one line
/// each, the wake-ups cost more than the lines (docs/adr/0022-console-log-written-in-batches.md).
/// </summary>
[ProviderAlias("Console")]
public sealed class BufferedConsoleLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentDictionary<string, BufferedConsoleLogger> _loggers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ConsoleFormatter> _formatters;
    private readonly IDisposable? _optionsChanged;
    private readonly ConsoleLogWriter _writer;

    public BufferedConsoleLoggerProvider(IOptionsMonitor<ConsoleLoggerOptions> options, IEnumerable<ConsoleFormatter> formatters)
        : this(options, formatters, Console.OpenStandardOutput(), Console.OpenStandardError())
    {
    }

    internal BufferedConsoleLoggerProvider(
        IOptionsMonitor<ConsoleLoggerOptions> options, IEnumerable<ConsoleFormatter> formatters, Stream output, Stream error)
    {
        ArgumentNullException.ThrowIfNull(options);
        _formatters = formatters.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
        Apply(options.CurrentValue);
        _optionsChanged = options.OnChange(Apply);
        _writer = new ConsoleLogWriter(output, error);
    }

    internal ConsoleFormatter Formatter { get; private set; } = null!;

    internal LogLevel ErrorThreshold { get; private set; } = LogLevel.None;

    internal IExternalScopeProvider Scopes { get; private set; } = new LoggerExternalScopeProvider();

    internal ConsoleLogWriter Writer => _writer;

    public ILogger CreateLogger(string categoryName) =>
        _loggers.GetOrAdd(categoryName, static (name, provider) => new BufferedConsoleLogger(name, provider), this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => Scopes = scopeProvider;

    private void Apply(ConsoleLoggerOptions options)
    {
        // An unknown name falls back to the simple format, as the runtime's console logger does.
        Formatter = _formatters.GetValueOrDefault(options.FormatterName ?? ConsoleFormatterNames.Simple)
            ?? _formatters[ConsoleFormatterNames.Simple];
        ErrorThreshold = options.LogToStandardErrorThreshold;
    }

    public void Dispose()
    {
        _optionsChanged?.Dispose();
        _writer.Dispose();
    }
}
