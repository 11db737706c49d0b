using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Backscatter.Ingest.Tests.Smtp;

/// <summary>A raw SMTP client for tests that must see exact replies, pipelining and the null sender.</summary>
internal sealed class SmtpConversation : IAsyncDisposable
{
    private readonly TcpClient _client;
    private Stream _stream;
    private StreamReader _reader;

    private SmtpConversation(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
        _reader = new StreamReader(_stream, Encoding.UTF8);
    }

    public string Greeting { get; private set; } = "";

    public static async Task<SmtpConversation> OpenAsync(IPEndPoint endpoint)
    {
        var client = new TcpClient();
        await client.ConnectAsync(endpoint.Address, endpoint.Port);
        var conversation = new SmtpConversation(client);
        conversation.Greeting = (await conversation.ReadReplyAsync())[^1];
        return conversation;
    }

    /// <summary>Sends one command and returns its reply lines.</summary>
    public async Task<IReadOnlyList<string>> SendAsync(string command)
    {
        await WriteAsync(command + "\r\n");
        return await ReadReplyAsync();
    }

    /// <summary>Sends several commands in one write (PIPELINING) and returns the last line of each reply.</summary>
    public async Task<IReadOnlyList<string>> PipelineAsync(params string[] commands)
    {
        await WriteAsync(string.Concat(commands.Select(c => c + "\r\n")));
        var replies = new List<string>();
        foreach (var _ in commands)
        {
            replies.Add((await ReadReplyAsync())[^1]);
        }

        return replies;
    }

    public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    public async Task<string> SendDataAsync(byte[] message)
    {
        await _stream.WriteAsync(message);
        await WriteAsync("\r\n.\r\n");
        return (await ReadReplyAsync())[^1];
    }

    public async Task WriteAsync(string text)
    {
        await _stream.WriteAsync(Encoding.UTF8.GetBytes(text));
        await _stream.FlushAsync();
    }

    public async Task<IReadOnlyList<string>> ReadReplyAsync()
    {
        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var line = await _reader.ReadLineAsync(timeout.Token) ?? throw new IOException("The server closed the connection.");
            lines.Add(line);
            if (line.Length < 4 || line[3] != '-')
            {
                return lines;
            }
        }
    }

    /// <summary>Says STARTTLS and, on 220, shakes hands, trusting only the certificate with this SHA-256 thumbprint.</summary>
    public async Task<string> StartTlsAsync(string thumbprint)
    {
        var reply = (await SendAsync("STARTTLS"))[^1];
        var tls = new SslStream(_stream, leaveInnerStreamOpen: false, (_, certificate, _, _) =>
            certificate is not null && string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), thumbprint, StringComparison.OrdinalIgnoreCase));
        await tls.AuthenticateAsClientAsync("in.backscatter.test");
        _stream = tls;
        _reader = new StreamReader(tls, Encoding.UTF8);
        return reply;
    }

    /// <summary>Reads on until the server closes the connection; false if it sends another line instead.</summary>
    public async Task<bool> ClosedByServerAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            return await _reader.ReadLineAsync(timeout.Token) is null;
        }
        catch (IOException)
        {
            // Reset instead of closed: closed all the same.
            return true;
        }
    }

    /// <summary>Says QUIT and waits until the server has closed the connection.</summary>
    public async Task QuitAsync()
    {
        Assert.StartsWith("221 ", (await SendAsync("QUIT"))[^1], StringComparison.Ordinal);
        Assert.True(await ClosedByServerAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _client.Dispose();
    }
}
