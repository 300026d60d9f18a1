"""Test endpoint for the nftables backend's kernel tests, run inside a network namespace.

server NAME PORT       answers every TCP connection and UDP datagram on PORT with "NAME PEER_IP";
                       prints "ready" once both sockets listen.
client IP PORT         connects over TCP (as a pod would) and prints the answer, or "error: ..." .
udp-client IP PORT SOURCE_PORT
                       sends one UDP datagram from SOURCE_PORT and prints the answer (2 s at most),
                       or "error: ..." .
"""
import socket
import socketserver
import sys
import threading


def serve(name, port):
    class Tcp(socketserver.BaseRequestHandler):
        def handle(self):
            self.request.sendall(f"{name} {self.client_address[0]}\n".encode())

    class Udp(socketserver.BaseRequestHandler):
        def handle(self):
            data, sock = self.request
            sock.sendto(f"{name} {self.client_address[0]}\n".encode(), self.client_address)

    socketserver.ThreadingTCPServer.allow_reuse_address = True
    tcp = socketserver.ThreadingTCPServer(("0.0.0.0", port), Tcp)
    udp = socketserver.UDPServer(("0.0.0.0", port), Udp)
    threading.Thread(target=udp.serve_forever, daemon=True).start()
    print("ready", flush=True)
    tcp.serve_forever()


def client(ip, port):
    try:
        with socket.create_connection((ip, port), timeout=5) as sock:
            print(sock.makefile().readline().strip(), flush=True)
    except OSError as e:
        print(f"error: {e}", flush=True)


def udp_client(ip, port, source_port):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("0.0.0.0", source_port))
        sock.settimeout(2)
        try:
            sock.sendto(b"hello", (ip, port))
            print(sock.recv(200).decode().strip(), flush=True)
        except OSError as e:
            print(f"error: {e}", flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "server":
        serve(sys.argv[2], int(sys.argv[3]))
    elif sys.argv[1] == "udp-client":
        udp_client(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    else:
        client(sys.argv[2], int(sys.argv[3]))
