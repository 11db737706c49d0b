using Backscatter.Ingest.Storage;

namespace Backscatter.Ingest.Tests.Storage;

/// <summary>
/// The raw messages held between acceptance and classification: taken once, bounded in bytes with
/// the oldest going first, and never growing without bound when every message is taken.
/// </summary>
public sealed class Holding_unclassified_messages
{
    private static (Guid, byte[]) Message(int size) => (Guid.NewGuid(), new byte[size]);

    [Fact]
    public void Gives_a_held_message_once_and_nothing_for_others()
    {
        var held = new UnclassifiedMessages();
        var (id, raw) = Message(100);
        held.Add([(id, raw)]);

        var first = held.Take([id, Guid.NewGuid()]);
        var second = held.Take([id]);

        Assert.Same(raw, Assert.Single(first).Value);
        Assert.Empty(second);
        Assert.Equal(0, held.Count);
    }

    [Fact]
    public void Lets_the_oldest_go_when_the_bytes_exceed_the_capacity()
    {
        var held = new UnclassifiedMessages(capacityBytes: 1000);
        var messages = Enumerable.Range(0, 5).Select(_ => Message(300)).ToList();

        held.Add(messages);

        var taken = held.Take(messages.Select(m => m.Item1));
        Assert.Equal(messages.Skip(2).Select(m => m.Item1).Order(), taken.Keys.Order());
    }

    [Fact]
    public void Does_not_hold_a_message_larger_than_the_capacity()
    {
        var held = new UnclassifiedMessages(capacityBytes: 1000);
        var small = Message(10);
        var large = Message(1001);

        held.Add([small, large]);

        Assert.Equal([small.Item1], held.Take([small.Item1, large.Item1]).Keys);
    }

    [Fact]
    public void Keeps_serving_a_stream_of_messages_that_are_all_taken()
    {
        var held = new UnclassifiedMessages(capacityBytes: 10_000);
        for (var i = 0; i < 100_000; i++)
        {
            var message = Message(10);
            held.Add([message]);
            Assert.Single(held.Take([message.Item1]));
        }

        Assert.Equal(0, held.Count);
    }

    [Fact]
    public void Holds_one_message_for_each_report_it_became()
    {
        var held = new UnclassifiedMessages();
        var raw = new byte[50];
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());

        held.Add([(first, raw), (second, raw)]);

        var taken = held.Take([first, second]);
        Assert.Same(taken[first], taken[second]);
    }
}
