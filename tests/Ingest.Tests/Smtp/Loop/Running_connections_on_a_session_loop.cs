using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

using Backscatter.Ingest.Smtp.Loop;

using Microsoft.Extensions.Logging.Abstractions;

namespace Backscatter.Ingest.Tests.Smtp.Loop;

/// <summary>The loop's own socket handling, below SMTP: what the session tests cannot force.</summary>
public sealed class Running_connections_on_a_session_loop : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly SessionLoop _loop = new("test-session-loop", NullLogger.Instance);

    public Running_connections_on_a_session_loop()
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen();
        _listener.Blocking = false;
    }

    [Fact]
    public async Task Should_finish_a_write_larger_than_the_socket_buffers_once_the_client_reads()
    {
        // Far more than loopback's socket buffers hold: the write must wait for the loop to say writable.
        var payload = RandomNumberGenerator.GetBytes(48 * 1024 * 1024);
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Serve(async stream =>
        {
            await using (stream)
            {
                await stream.WriteAsync(payload);
            }

            written.SetResult();
        });
        using var client = await ConnectAsync();

        var received = await ReadToEndAsync(client);

        await written.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(payload.Length, received.Length);
        Assert.True(payload.AsSpan().SequenceEqual(received));
    }

    [Fact]
    public async Task Should_end_a_waiting_read_when_its_token_is_cancelled_and_keep_the_connection()
    {
        using var cancel = new CancellationTokenSource();
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var outcome = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        Serve(async stream =>
        {
            await using (stream)
            {
                var read = stream.ReadAsync(new byte[16], cancel.Token);
                waiting.SetResult();
                try
                {
                    await read;
                    outcome.SetResult(null);
                }
                catch (OperationCanceledException ex)
                {
                    outcome.SetResult(ex);
                }

                await stream.WriteAsync("still here"u8.ToArray());
            }
        });
        using var client = await ConnectAsync();
        await waiting.Task.WaitAsync(TimeSpan.FromSeconds(30));

        await cancel.CancelAsync();

        Assert.IsType<OperationCanceledException>(await outcome.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("still here"u8.ToArray(), await ReadToEndAsync(client));
    }

    [Fact]
    public async Task Should_read_what_the_client_sent_and_see_the_end_of_the_stream()
    {
        var received = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        Serve(async stream =>
        {
            await using (stream)
            {
                var all = new MemoryStream();
                var buffer = new byte[7];
                int count;
                while ((count = await stream.ReadAsync(buffer)) > 0)
                {
                    all.Write(buffer, 0, count);
                }

                received.SetResult(all.ToArray());
            }
        });
        using var client = await ConnectAsync();

        await client.SendAsync("EHLO mx.example.net\r\n"u8.ToArray());
        client.Shutdown(SocketShutdown.Send);

        Assert.Equal("EHLO mx.example.net\r\n"u8.ToArray(), await received.Task.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    private void Serve(Func<Stream, Task> serve) =>
        _loop.Listen((int)_listener.Handle, (socket, _) => _loop.Adopt(socket, serve));

    private async Task<Socket> ConnectAsync()
    {
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(_listener.LocalEndPoint!);
        return client;
    }

    private static async Task<byte[]> ReadToEndAsync(Socket client)
    {
        using var all = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int count;
        while ((count = await client.ReceiveAsync(buffer.AsMemory()).AsTask().WaitAsync(TimeSpan.FromSeconds(30))) > 0)
        {
            all.Write(buffer, 0, count);
        }

        return all.ToArray();
    }

    public void Dispose()
    {
        _loop.Dispose();
        _listener.Dispose();
    }
}
