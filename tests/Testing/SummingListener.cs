using System.Diagnostics.Metrics;

namespace Backscatter.Testing;

/// <summary>
/// Listens to every instrument of one meter factory and adds up what they record, allocating nothing
/// itself: stands in for an exporter when a test checks that counting allocates nothing.
/// </summary>
public sealed class SummingListener : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _longs;
    private double _doubles;

    public SummingListener(IMeterFactory meters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == meters)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => _longs += value);
        _listener.SetMeasurementEventCallback<int>((_, value, _, _) => _longs += value);
        _listener.SetMeasurementEventCallback<double>((_, value, _, _) => _doubles += value);
        _listener.Start();
    }

    /// <summary>The sum of every integer measurement (counters, sizes).</summary>
    public long Counted => _longs;

    /// <summary>The sum of every floating-point measurement (durations).</summary>
    public double Measured => _doubles;

    public void Dispose() => _listener.Dispose();
}
