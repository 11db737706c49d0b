using System.Globalization;

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Backscatter.ServiceDefaults.Logging;

/// <summary>Formats a line on the logging thread, as the runtime's console logger does, and queues it.</summary>
internal sealed class BufferedConsoleLogger(string category, BufferedConsoleLoggerProvider provider) : ILogger
{
    [ThreadStatic]
    private static StringWriter? t_line;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => provider.Scopes.Push(state);

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var line = t_line ??= new StringWriter(CultureInfo.InvariantCulture);
        provider.Formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), provider.Scopes, line);
        var text = line.GetStringBuilder();
        if (text.Length == 0)
        {
            return;
        }

        var formatted = text.ToString();
        text.Clear();
        if (text.Capacity > 4096)
        {
            // One long exception must not keep a large buffer on every thread that logged it.
            text.Capacity = 1024;
        }

        provider.Writer.Enqueue(formatted, logLevel >= provider.ErrorThreshold);
    }
}
