using Backscatter.Domain.Contracts;
using Backscatter.Domain.Verdicts;

using MassTransit;

namespace Backscatter.Feed.Listings;

/// <summary>
/// Reports were counted against their reflectors: run the listing policy once for each reflector
/// of the classified batch (a wave repeats the same few), and announce a listing that started,
/// ended or changed its codes to every feed node.
/// </summary>
public sealed class EvaluateListingConsumer(ListingEvaluator evaluator) : IConsumer<ReportsClassified>
{
    public async Task Consume(ConsumeContext<ReportsClassified> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var reflectors = context.Message.Reports
            .Where(r => r.ReflectorIp is not null && r.Judgement == nameof(Judgement.Backscatter))
            .Select(r => r.ReflectorIp!)
            .Distinct();
        foreach (var reflector in reflectors)
        {
            if (await evaluator.EvaluateAsync(reflector, context.CancellationToken) is { } change)
            {
                await context.Publish(change, context.CancellationToken);
            }
        }
    }
}
