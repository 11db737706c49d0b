namespace Backscatter.Testing;

/// <summary>
/// What code allocates on the calling thread, for the specifications that say "without allocating".
/// </summary>
public static class ThreadAllocations
{
    public const int Windows = 3;

    /// <summary>
    /// Runs <paramref name="body"/> <paramref name="iterations"/> times in each of <see cref="Windows"/> windows and
    /// returns the fewest bytes any window allocated. A garbage collection started by another test retires this
    /// thread's allocation context and charges its unused tail (a few KB, once) to the window it falls in; code
    /// that allocates shows in every window, once per iteration.
    /// </summary>
    public static long FewestBytes(int iterations, Action body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var fewest = long.MaxValue;
        for (var window = 0; window < Windows; window++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < iterations; i++)
            {
                body();
            }

            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return fewest;
    }
}
