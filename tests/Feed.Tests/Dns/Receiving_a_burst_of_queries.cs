using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

using static Backscatter.Feed.Tests.DnsQueries;

namespace Backscatter.Feed.Tests.Dns;

public class Receiving_a_burst_of_queries(RunningDnsFeed feed) : IClassFixture<RunningDnsFeed>
{
    private const int Senders = 4;
    private const int QueriesPerSender = 60;

    [Fact]
    public async Task Should_answer_every_query_of_the_burst_to_its_own_sender()
    {
        // More queries than one receive batch holds, from several senders at once, all sent before any answer is read.
        var listed = NameOf(RunningDnsFeed.Bouncer);
        var unlisted = NameOf(IPAddress.Parse("198.51.100.7"));
        var sockets = Enumerable.Range(0, Senders).Select(_ => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp)).ToList();
        try
        {
            foreach (var (socket, sender) in sockets.Select((socket, sender) => (socket, sender)))
            {
                await socket.ConnectAsync(IPAddress.Loopback, feed.Port);
                for (var i = 0; i < QueriesPerSender; i++)
                {
                    await socket.SendAsync(Query(i % 2 == 0 ? listed : unlisted, 1, id: (ushort)((sender * 1000) + i)), SocketFlags.None);
                }
            }

            for (var sender = 0; sender < Senders; sender++)
            {
                var answers = await ReceiveAllAsync(sockets[sender], QueriesPerSender);

                Assert.Equal(Enumerable.Range(sender * 1000, QueriesPerSender), answers.Keys.Order());
                Assert.All(answers, answer => Assert.Equal(answer.Key % 2 == 0 ? 0 : 3, answer.Value));
            }
        }
        finally
        {
            sockets.ForEach(socket => socket.Dispose());
        }
    }

    // Answer id -> response code, until the expected number arrived or nothing came for 5 seconds.
    private static async Task<Dictionary<int, int>> ReceiveAllAsync(Socket socket, int expected)
    {
        var answers = new Dictionary<int, int>();
        var buffer = new byte[4096];
        while (answers.Count < expected)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                var received = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
                answers[BinaryPrimitives.ReadUInt16BigEndian(buffer)] = ResponseCode(buffer[..received]);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return answers;
    }
}
