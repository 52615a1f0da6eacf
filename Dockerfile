# One image for the API and the workers; the command chooses the role (see docker-compose.yml).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# tsx is a runtime dependency: the services run the TypeScript sources directly, no build step.
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
USER node
EXPOSE 3000
CMD ["node", "node_modules/tsx/dist/cli.mjs", "src/main.ts"]
