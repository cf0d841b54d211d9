const app = document.querySelector<HTMLDivElement>('#app');
if (app) {
  const heading = document.createElement('h1');
  heading.textContent = 'Critical-minerals trade simulator';
  app.append(heading);
}
