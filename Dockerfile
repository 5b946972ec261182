# One image for every Rapport process; docker-compose.yml picks the command.
FROM node:24-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
ENV NODE_ENV=production
# VAR_DIR (var/): uploads are spooled under var/spool while they are read, so the app user must own it.
RUN mkdir -p var && chown node:node var
USER node
CMD ["npm", "run", "web"]
