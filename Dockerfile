# One image for the API and the workers; the command chooses the role (see docker-compose.yml).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# A larger young generation: request and alert objects die young, and fewer scavenges cost less CPU
# per request (about 9 % on the API's JavaScript thread, benchmark B3; see docs/benchmarks.md).
ENV NODE_OPTIONS=--max-semi-space-size=32
COPY package.json package-lock.json ./
# tsx is a runtime dependency: the services run the TypeScript sources directly, no build step.
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
USER node
EXPOSE 3000
CMD ["node", "node_modules/tsx/dist/cli.mjs", "src/main.ts"]
