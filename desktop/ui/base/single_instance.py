"""One app instance per profile.

The profile's app lock (security/app_lock.py, Qt-free, the one the command line takes too)
says the profile is open; the operating system lets go of it when a crashed instance ends.
The first instance also listens on a local socket, so a second launch can ask it to come to
the front instead of opening the diary twice.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop.security.app_lock import AppLock

RAISE_REQUEST = b"raise\n"
RAISE_ACK = b"ok\n"


class SingleInstance(QObject):
    raise_requested = Signal()

    def __init__(self, profile_dir: Path, parent: QObject | None = None):
        super().__init__(parent)
        profile_dir.mkdir(parents=True, exist_ok=True)
        self._lock = AppLock(profile_dir)
        self._profile_dir = profile_dir.resolve()
        self._server = None  # QLocalServer, once listening

    def acquire(self, listen: bool = True) -> bool:
        """Take the profile's lock; listen for raise requests now, or later with listen()."""
        if not self._lock.acquire():
            return False
        if listen:
            self.listen()
        return True

    @property
    def server_name(self) -> str:
        import hashlib  # not needed for the first paint

        return "supportback-" + hashlib.sha256(str(self._profile_dir).encode()).hexdigest()[:16]

    def listen(self) -> None:
        # QtNetwork is imported here, not at start-up: it is only needed once the window is up.
        from PySide6.QtNetwork import QLocalServer

        if self._server is not None:
            return
        QLocalServer.removeServer(self.server_name)  # left behind by a crash; we own the lock now
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.UserAccessOption)
        self._server.newConnection.connect(self._on_connection)
        self._server.listen(self.server_name)

    def ask_running_instance_to_raise(self, timeout_ms: int = 2000) -> bool:
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        socket.connectToServer(self.server_name)
        if not socket.waitForConnected(timeout_ms):
            return False
        socket.write(RAISE_REQUEST)
        socket.waitForBytesWritten(timeout_ms)
        answered = socket.waitForReadyRead(timeout_ms) and bytes(socket.readAll().data()) == RAISE_ACK
        socket.disconnectFromServer()
        return answered

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.release()

    def _on_connection(self) -> None:
        while self._server is not None and self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._on_message(s))

    def _on_message(self, socket) -> None:
        if bytes(socket.readAll().data()).startswith(RAISE_REQUEST.strip()):
            self.raise_requested.emit()
            socket.write(RAISE_ACK)
            socket.flush()
        socket.disconnectFromServer()
