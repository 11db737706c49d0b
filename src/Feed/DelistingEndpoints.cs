using System.Net;
using System.Security.Cryptography;
using System.Text;

using Backscatter.Domain.Contracts;
using Backscatter.Domain.Listing;
using Backscatter.Feed.Dns;
using Backscatter.Feed.Listings;

using MassTransit;

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Backscatter.Feed;

public static class DelistingEndpoints
{
    public const int MaxReasonLength = 500;

    /// <summary>
    /// <c>POST /operator/listings/{ip}/delisting</c>: an operator takes a listed address out of the feed,
    /// with a reason recorded in the history. Only with the operator key (<see cref="DnsFeedOptions.OperatorApiKey"/>);
    /// without a configured key the endpoint answers 404, so nobody can delist through it.
    /// </summary>
    public static IEndpointRouteBuilder MapDelisting(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost("/operator/listings/{ip}/delisting", DelistAsync);
        return endpoints;
    }

    private static async Task<Results<Ok<ListingChanged>, NotFound, UnauthorizedHttpResult, ValidationProblem>> DelistAsync(
        string ip,
        DelistingRequest request,
        HttpContext context,
        IOptions<DnsFeedOptions> options,
        ListingEvaluator evaluator,
        IPublishEndpoint bus)
    {
        if (options.Value.OperatorApiKey is not { Length: > 0 } key)
        {
            return TypedResults.NotFound();
        }

        if (!Authorized(context.Request.Headers.Authorization.ToString(), key))
        {
            return TypedResults.Unauthorized();
        }

        var errors = new Dictionary<string, string[]>();
        if (!IPAddress.TryParse(ip, out var address) || ip.Length > 45)
        {
            errors["ip"] = ["Not an IPv4 or IPv6 address."];
        }

        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > MaxReasonLength)
        {
            errors["reason"] = [$"A reason of 1 to {MaxReasonLength} characters is required."];
        }

        if (string.IsNullOrWhiteSpace(request.Operator) || request.Operator.Length > ListingHistoryEntry.MaxActorLength)
        {
            errors["operator"] = [$"The operator's name, 1 to {ListingHistoryEntry.MaxActorLength} characters, is required."];
        }

        if (errors.Count > 0 || address is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var change = await evaluator.DelistAsync(address, request.Reason!.Trim(), "operator " + request.Operator!.Trim(), context.RequestAborted);
        if (change is null)
        {
            return TypedResults.NotFound();
        }

        await bus.Publish(change, context.RequestAborted);
        return TypedResults.Ok(change);
    }

    /// <summary>Compares hashes in constant time, so that the answer time says nothing about the key.</summary>
    private static bool Authorized(string header, string key)
    {
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim())),
            SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }
}
