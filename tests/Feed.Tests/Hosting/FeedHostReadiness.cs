using Backscatter.Testing;

namespace Backscatter.Feed.Tests.Hosting;

public sealed class FeedHostReadiness : HostReadinessSpecification<Program>
{
    protected override HostLogin Login => HostLogin.Feed;

    // The DNS listener takes any free port so that tests do not collide with a running ./run.sh.
    protected override IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>
    {
        ["DnsFeed:Port"] = "0",
    };
}
