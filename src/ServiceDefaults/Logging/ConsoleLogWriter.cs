using System.Collections.Concurrent;
using System.Text;

namespace Backscatter.ServiceDefaults.Logging;

/// <summary>
/// Writes log lines to the console's streams in batches from a thread of its own. A logging thread
/// only queues its line; it wakes the writer for the first line after the writer went idle, and the
/// writer then lets a burst gather for <see cref="Gathering"/> before it writes everything at once.
/// So thousands of lines a second cost a few wake-ups and writes, not one of each per line.
/// </summary>
/// <remarks>
/// Nothing is dropped: past <see cref="MaxPending"/> lines waiting, logging waits for the writer, as
/// the runtime's console logger does by default. A line logged after disposal is written at once.
/// </remarks>
internal sealed class ConsoleLogWriter : IDisposable
{
    /// <summary>How long the writer lets lines gather after the first one: a line is on the console within about this.</summary>
    internal static readonly TimeSpan Gathering = TimeSpan.FromMilliseconds(50);

    /// <summary>Lines waiting at which the writer stops gathering and writes.</summary>
    internal const int Hurry = 1024;

    /// <summary>Lines waiting at which logging waits for the writer.</summary>
    internal const int MaxPending = 16 * 1024;

    private readonly ConcurrentQueue<(string Line, bool Error)> _queue = new();
    private readonly SemaphoreSlim _work = new(0);
    private readonly ManualResetEventSlim _hurry = new(false);
    private readonly StreamWriter _output;
    private readonly StreamWriter _error;
    private readonly Lock _writing = new();
    private readonly Thread _thread;
    // Lines queued and not yet written; only the writer lowers it, and a rise from 0 to 1 wakes it.
    private int _pending;
    private volatile bool _stopping;
    private volatile bool _stopped;

    public ConsoleLogWriter(Stream output, Stream error)
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        _output = new StreamWriter(output, utf8, bufferSize: 64 * 1024) { AutoFlush = false };
        _error = new StreamWriter(error, utf8, bufferSize: 16 * 1024) { AutoFlush = false };
        _thread = new Thread(Run) { IsBackground = true, Name = "Console log writer" };
        _thread.Start();
    }

    public void Enqueue(string line, bool error)
    {
        if (_stopped)
        {
            lock (_writing)
            {
                Write(line, error);
                Flush();
            }

            return;
        }

        _queue.Enqueue((line, error));
        var pending = Interlocked.Increment(ref _pending);
        if (_stopped)
        {
            // The writer ended between the check above and the queueing: write it here.
            WriteQueued();
        }
        else if (pending == 1)
        {
            _work.Release();
        }
        else if (pending >= Hurry)
        {
            _hurry.Set();
            while (pending > MaxPending && !_stopped)
            {
                Thread.Sleep(1);
                pending = Volatile.Read(ref _pending);
            }
        }
    }

    private void Run()
    {
        while (!_stopping)
        {
            _work.Wait();
            while (true)
            {
                if (!_stopping)
                {
                    _hurry.Wait(Gathering);
                }

                _hurry.Reset();
                var written = WriteQueued();
                // Lines queued while this batch was written raised the count without waking anyone.
                if (Interlocked.Add(ref _pending, -written) <= 0 || _stopping)
                {
                    break;
                }
            }
        }

        lock (_writing)
        {
            _stopped = true;
            WriteQueued();
        }
    }

    private int WriteQueued()
    {
        var written = 0;
        lock (_writing)
        {
            while (_queue.TryDequeue(out var entry))
            {
                Write(entry.Line, entry.Error);
                written++;
            }

            if (written > 0)
            {
                Flush();
            }
        }

        return written;
    }

    private void Write(string line, bool error)
    {
        try
        {
            (error ? _error : _output).Write(line);
        }
        catch (IOException)
        {
            // A closed console (the reader went away) must not stop the service.
        }
    }

    private void Flush()
    {
        try
        {
            _output.Flush();
            _error.Flush();
        }
        catch (IOException)
        {
        }
    }

    public void Dispose()
    {
        if (_stopping)
        {
            return;
        }

        _stopping = true;
        _hurry.Set();
        _work.Release();
        // The writer writes what is left and ends. A console that takes no writes (a full pipe nobody
        // reads) must not hold up the shutdown: then its lines are given up after the wait.
        _thread.Join(TimeSpan.FromSeconds(5));
    }
}
