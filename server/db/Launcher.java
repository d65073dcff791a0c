import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;

import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * Runs mongo-java-server on 127.0.0.1, for development, tests and the demo.
 *
 * <pre>java -cp 'JARS/*' Launcher.java PORT [H2FILE]</pre>
 *
 * PORT 0 lets the OS pick a free port. Without H2FILE the data lives in memory; with it,
 * in an H2 MVStore file. Prints one line "LISTENING port" once bound. Stops cleanly on
 * SIGTERM and when stdin reaches EOF, so it never outlives the process that started it.
 */
public final class Launcher {

    /**
     * MVStore commits on a timer; the default (about 1 s) lost almost every write acknowledged in
     * the last second before a kill. H2 checks every max(10 ms, delay / 3), so 20 ms bounds the
     * window to about 30 ms, at the cost of more, smaller chunk writes.
     */
    private static final int AUTO_COMMIT_DELAY_MS = 20;

    private static final AtomicBoolean stopped = new AtomicBoolean();

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: java -cp 'JARS/*' Launcher.java PORT [H2FILE]");
            System.exit(2);
        }
        try {
            start(Integer.parseInt(args[0]), args.length == 2 ? args[1] : null);
        } catch (RuntimeException e) {
            // One line: the Node side shows the last lines of stderr, where a stack trace would bury the cause.
            System.err.println("mongo-java-server launcher failed: " + e);
            System.exit(1);
        }
    }

    private static void start(int port, String file) {
        MVStore store = null;
        MongoBackend backend;
        if (file == null) {
            backend = new MemoryBackend();
        } else {
            store = new MVStore.Builder().fileName(file).open();
            store.setAutoCommitDelay(AUTO_COMMIT_DELAY_MS);
            backend = new H2Backend(store);
        }

        MongoServer server = new MongoServer(backend);
        MVStore openedStore = store;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, openedStore), "mongo-shutdown"));

        server.bind("127.0.0.1", port);
        InetSocketAddress address = server.getLocalAddress();
        System.out.println("LISTENING " + address.getPort());
        System.out.flush();

        Thread stdinWatcher = new Thread(Launcher::exitOnStdinEof, "stdin-watcher");
        stdinWatcher.setDaemon(true);
        stdinWatcher.start();
    }

    private static void exitOnStdinEof() {
        InputStream in = System.in;
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // The parent never writes; anything it does write is ignored.
            }
        } catch (IOException ignored) {
            // A broken pipe means the parent is gone, same as EOF.
        }
        // The shutdown hook does the actual cleanup.
        System.exit(0);
    }

    private static void stop(MongoServer server, MVStore store) {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        try {
            // Also closes the backend, which commits and closes the MVStore.
            server.shutdownNow();
        } catch (RuntimeException e) {
            System.err.println("error while stopping the server: " + e);
        }
        if (store != null && !store.isClosed()) {
            store.close();
        }
    }
}
