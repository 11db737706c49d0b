using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Backscatter.ServiceDefaults.Logging;

public static class BufferedConsoleLoggingExtensions
{
    /// <summary>
    /// The console log through <see cref="BufferedConsoleLoggerProvider"/> instead of the runtime's
    /// console logger: the same formatters, options and <c>Logging:Console</c> settings, written in batches.
    /// </summary>
    public static ILoggingBuilder AddBufferedConsole(this ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        // The runtime's registration brings the formatters and binds their options; only its provider goes.
        logging.AddConsole();
        foreach (var console in logging.Services
            .Where(d => d.ServiceType == typeof(ILoggerProvider) && d.ImplementationType == typeof(ConsoleLoggerProvider))
            .ToList())
        {
            logging.Services.Remove(console);
        }

        logging.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ILoggerProvider, BufferedConsoleLoggerProvider>());
        return logging;
    }
}
