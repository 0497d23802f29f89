// Healthcheck of the docker-compose MongoDB (mongosh runs it inside the container):
//   mongosh --quiet --norc "mongodb://localhost:27017/admin?directConnection=true" healthcheck.js
// Signs in as the root user from the container's environment (so the password is on no command
// line), initiates the replica set on the first run (one member, or the members listed in
// MONGO_REPLICA_MEMBERS, e.g. "mongo:27017,mongo-2:27017,mongo-3:27017" in docker-compose.cluster.yml;
// the first is preferred as primary), and exits 0 only once this node is a writable primary (the
// services need the replica set for retryable writes).
db.getSiblingDB('admin').auth(process.env.MONGO_INITDB_ROOT_USERNAME, process.env.MONGO_INITDB_ROOT_PASSWORD);
try {
  rs.status();
} catch (notInitiated) {
  const hosts = (process.env.MONGO_REPLICA_MEMBERS || 'mongo:27017').split(',').map((h) => h.trim()).filter((h) => h);
  rs.initiate({ _id: 'rs0', members: hosts.map((host, i) => ({ _id: i, host, priority: i === 0 ? 2 : 1 })) });
}
quit(db.hello().isWritablePrimary ? 0 : 1);
