using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Aircall.CallSync.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>
/// A TCP relay on 127.0.0.1 in front of the database server, to take the database away and bring it back on the same
/// address: <see cref="Cut"/> resets every open connection and refuses new ones, <see cref="Restore"/> accepts again.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly int _targetPort;
    private readonly ConcurrentDictionary<Socket, bool> _sockets = new();
    private TcpListener? _listener;

    private TcpProxy(int targetPort)
    {
        _targetPort = targetPort;
        Port = Listen(0);
    }

    public int Port { get; }

    public static TcpProxy To(int targetPort) => new(targetPort);

    /// <summary>The database is gone: open connections are reset, new ones refused.</summary>
    public void Cut()
    {
        _listener?.Stop();
        _listener = null;
        foreach (var socket in _sockets.Keys)
        {
            Close(socket);
        }
    }

    /// <summary>The database is back on the same port.</summary>
    public void Restore() => Listen(Port);

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }

    private int Listen(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _ = AcceptAsync(listener);
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync();
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _targetPort);
            }
            catch (SocketException)
            {
                Close(client);
                server.Dispose();
                continue;
            }

            _sockets[client] = true;
            _sockets[server] = true;
            _ = PumpAsync(client, server);
            _ = PumpAsync(server, client);
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0)
                {
                    break;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
        }

        Close(from);
        Close(to);
    }

    private void Close(Socket socket)
    {
        if (_sockets.TryRemove(socket, out _) || socket.Connected)
        {
            try
            {
                socket.LingerState = new LingerOption(true, 0); // a reset, as a crashed server's host sends
                socket.Close();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
