using Backscatter.Domain.Contracts;
using Backscatter.Domain.Verdicts;

using MassTransit;

namespace Backscatter.Feed.Listings;

/// <summary>
/// A report was counted against its reflector: run the listing policy for that reflector, and
/// announce a listing that started, ended or changed its codes to every feed node.
/// </summary>
public sealed class EvaluateListingConsumer(ListingEvaluator evaluator) : IConsumer<ReportClassified>
{
    public async Task Consume(ConsumeContext<ReportClassified> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Message.ReflectorIp is not { } reflector || context.Message.Judgement != nameof(Judgement.Backscatter))
        {
            return;
        }

        if (await evaluator.EvaluateAsync(reflector, context.CancellationToken) is { } change)
        {
            await context.Publish(change, context.CancellationToken);
        }
    }
}
