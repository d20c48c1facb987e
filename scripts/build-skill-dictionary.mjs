#!/usr/bin/env node
// Builds src/skills/skill-dictionary.json, the compact skill dictionary the SkillExtractor loads at
// run time, from the raw taxonomies in ../shared/data/skills/ (ESCO CSV + O*NET technology TSV)
// plus a hand-curated list of technology and cross-profession skills with their common aliases.
//
//   node scripts/build-skill-dictionary.mjs [--data <dir>] [--out <file>]
//
// Selection:
//   * curated entries (below): canonical name, aliases, category, ambiguity flag;
//   * O*NET "Hot Technology" / "In Demand" examples, plus product names listed for >= 10
//     occupations (vendor prefixes and trailing acronyms become aliases);
//   * ESCO "knowledge" concepts whose preferred label is a short (<= 3 words), concrete term; a few
//     spelling-variant alt labels are kept as aliases. Verb phrases ("manage staff") and vague
//     families ("types of pallets", "... regulations") are left out.
// Entries whose aliases collide are merged into the first (curated wins).
// A single lowercase word from ESCO ("criminology", "energy") is flagged ambiguous: the extractor
// only accepts ambiguous entries in a skills context.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const argOf = (flag, def) => {
  const i = args.indexOf(flag);
  return i >= 0 && args[i + 1] ? resolve(args[i + 1]) : def;
};
const dataDir = argOf('--data', resolve(root, '..', 'shared', 'data', 'skills'));
const outFile = argOf('--out', resolve(root, 'src', 'skills', 'skill-dictionary.json'));

const ATTRIBUTION = [
  'ESCO, (c) European Union, https://esco.ec.europa.eu/ (ESCO v1.1.1 via the Tabiya Open Dataset; CC BY 4.0; selected and adapted).',
  'This product includes information from O*NET (onetcenter.org), U.S. Department of Labor, Employment and Training Administration, used under the CC BY 4.0 license. (Selected and adapted.)',
];

// ---------------------------------------------------------------------------------------------
// Curated entries. One line per skill: "Canonical|alias|alias". A leading "!" marks the entry
// ambiguous: only matched in a skills context. "!" = proper noun that doubles as a word (Go, Excel), only
// its capitalised form counts; "?" = common noun (statistics, nursing), any case. Also per alias.
// ---------------------------------------------------------------------------------------------
const CURATED = {
  programming_language: `
JavaScript|JS|ECMAScript|ES6|Java Script|Javascript
TypeScript|TS
Python|Python3|Python 3|Python 2
Java|Oracle Java|Java SE|Java EE|J2EE|Jakarta EE|Core Java
!C|C language|C programming|ANSI C
C++|CPP|C plus plus|cplusplus
C#|C Sharp|CSharp
!Go|Golang|Go lang
!R|R language|R programming|RStudio|R Studio
!Rust|Rust lang|Rustlang
!Ruby|Ruby (computer programming)
PHP|PHP 7|PHP 8
Kotlin
!Swift|Swift UI|SwiftUI
Objective-C|Objective C|ObjC
Scala
Perl
Haskell
Erlang
Elixir
Clojure
F#|F Sharp
!Dart
!Lua
!Julia
MATLAB|The MathWorks MATLAB|Matlab
!SAS|SAS language|SAS programming|SAS Base
Visual Basic|VB|VB6|Microsoft Visual Basic
VB.NET|Visual Basic .NET
VBA|Visual Basic for Applications|Excel VBA|Microsoft Visual Basic for Applications VBA
Fortran|FORTRAN
COBOL
!Assembly|Assembly language|x86 assembly|ARM assembly
Bash|Bash scripting|Bourne Again Shell
Shell scripting|Shell script|Shell scripts|UNIX Shell|sh scripting
PowerShell|Microsoft PowerShell|Power Shell
SQL|Structured Query Language|Structured query language SQL|SQL queries
T-SQL|Transact-SQL|TSQL
PL/SQL|Oracle PL/SQL|PLSQL
Groovy|Apache Groovy
Solidity
ABAP|Advanced business application programming ABAP
!Delphi
!Pascal|Object Pascal
Prolog
Lisp|Common Lisp
OCaml
!Zig
Verilog
VHDL
!Apex|Salesforce Apex
HTML|HTML5|Hypertext Markup Language|Hypertext markup language HTML
CSS|CSS3|Cascading Style Sheets|Cascading style sheets CSS
Sass|SCSS
Less.js
GraphQL
`,
  framework: `
Node.js|!Node|NodeJS|Node JS|Node.JS|Nodejs
React|React.js|ReactJS|React JS|Reactjs
React Native
Angular|AngularJS|Angular.js|Angular JS|Google Angular|Angular 2
Vue.js|Vue|VueJS|Vue JS|Vue 3
Svelte|SvelteKit
Next.js|NextJS|Next JS
Nuxt.js|Nuxt|NuxtJS
!Express|Express.js|ExpressJS|Express JS
NestJS|Nest.js|Nest JS
Django|Django REST Framework|DRF
!Flask
FastAPI|Fast API
Ruby on Rails|!Rails|RoR
!Spring|Spring Framework
Spring Boot|SpringBoot
Hibernate|Hibernate ORM
.NET|dotnet|dot net|Microsoft .NET Framework|.NET Framework|.NET Core|.NET 6|.NET 8
ASP.NET|ASP.NET Core|ASP.NET MVC|Microsoft ASP.NET
Entity Framework|EF Core
Laravel
Symfony
jQuery|JQuery
!Bootstrap|Twitter Bootstrap
Tailwind CSS|TailwindCSS|!Tailwind
Redux|Redux Toolkit
Flutter
Xamarin
!Ionic
!Electron|Electron.js
!Qt
!Unity|Unity3D|Unity 3D
Unreal Engine|UE4|UE5
TensorFlow|Tensorflow|TF2
PyTorch|!Torch
Keras
scikit-learn|sklearn|scikit learn|Scikit-Learn
pandas|Pandas
NumPy|Numpy
SciPy
Matplotlib
Seaborn
Hugging Face|HuggingFace|Hugging Face Transformers
LangChain
OpenCV
spaCy
NLTK
XGBoost
LightGBM
Apache Spark|!Spark|PySpark|Spark SQL
Apache Hadoop|Hadoop|HDFS|MapReduce
Apache Kafka|!Kafka
Apache Airflow|!Airflow
dbt|Data Build Tool
gRPC
RxJS
!Jest
!Mocha
!Cypress
Playwright
Selenium|Selenium WebDriver
JUnit
pytest|PyTest
Mockito
!Cucumber
Storybook
Webpack
Vite
!Babel
GraphQL Apollo|Apollo GraphQL|Apollo Server|Apollo Client
Prisma|Prisma ORM
TypeORM
Sequelize
Mongoose
SQLAlchemy
`,
  database: `
PostgreSQL|Postgres|Postgre SQL|PostgresSQL|psql|Postgres SQL
MySQL|My SQL
MariaDB
Microsoft SQL Server|SQL Server|MS SQL|MSSQL|MS SQL Server
Oracle Database|!Oracle|Oracle DB|Oracle RDBMS|Oracle 11g|Oracle 12c|Oracle 19c
SQLite
MongoDB|Mongo|Mongo DB
Redis
Elasticsearch|Elastic Search|ElasticSearch|OpenSearch
Apache Cassandra|!Cassandra
Amazon DynamoDB|DynamoDB|Dynamo DB
Neo4j
CouchDB
Couchbase
Firebase|Firestore|Firebase Realtime Database
Snowflake
Amazon Redshift|Redshift
Google BigQuery|BigQuery|Big Query
Teradata|Teradata Database
IBM Db2|DB2|IBM DB2
Apache Hive|!Hive|HiveQL
ClickHouse
InfluxDB
Microsoft Access|MS Access
NoSQL
pgvector
Databricks
Supabase
`,
  cloud: `
AWS|Amazon Web Services|Amazon Web Services AWS software|Amazon AWS
Microsoft Azure|Azure|Microsoft Azure software|Azure Cloud
Google Cloud Platform|GCP|Google Cloud
AWS Lambda|Lambda functions
Amazon EC2|EC2|Amazon Elastic Compute Cloud EC2|Elastic Compute Cloud
Amazon S3|S3|Amazon Simple Storage Service S3|AWS S3
AWS CloudFormation|CloudFormation|Amazon Web Services AWS CloudFormation
Amazon ECS|ECS
Amazon EKS|EKS
Azure DevOps|Azure Pipelines|VSTS
Heroku
DigitalOcean|Digital Ocean
Vercel
Netlify
Cloudflare
OpenStack
Red Hat OpenShift|OpenShift
?Serverless|Serverless Framework
`,
  devops: `
Docker|Docker Compose|docker-compose|Dockerfile
!Jenkins|Jenkins CI
Kubernetes|k8s|K8S|Kubernetes (k8s)
!Helm|Helm charts
Terraform|IBM Terraform|HashiCorp Terraform
Ansible|Ansible software
!Chef|Chef Infra
!Puppet
CI/CD|CICD|CI / CD|Continuous Integration|Continuous Delivery|Continuous Deployment|continuous integration and delivery
GitHub Actions
GitLab CI|GitLab CI/CD
CircleCI|Circle CI
Travis CI|TravisCI
Atlassian Bamboo|Bamboo CI
ArgoCD|Argo CD
!Prometheus
Grafana
Datadog
Splunk|Splunk Enterprise
New Relic
ELK Stack|ELK|Elastic Stack|Logstash|Kibana
Nginx|NGINX
Apache HTTP Server|Apache httpd
Apache Tomcat|Tomcat
Linux|GNU/Linux
Unix|UNIX
Ubuntu
Red Hat Enterprise Linux|RHEL|Red Hat Linux
CentOS
Microsoft Windows Server|Windows Server
VMware|VMware vSphere|vSphere|ESXi
!Vagrant
Istio
Microservices|Micro-services|Microservice architecture|microservice
Site Reliability Engineering|SRE|Site reliability engineer|Site reliability engineers
DevOps
Infrastructure as Code|IaC
`,
  tool: `
Git|git
GitHub|Github
GitLab|Gitlab
Bitbucket|Atlassian Bitbucket
Subversion|SVN|Apache Subversion SVN
Jira|JIRA|Atlassian JIRA|Atlassian Jira
Confluence|Atlassian Confluence
Trello
!Asana
!Notion
Microsoft Visual Studio|Visual Studio
Visual Studio Code|VS Code|VSCode
IntelliJ IDEA|IntelliJ
Eclipse IDE|!Eclipse
Xcode
Android Studio
!Postman
!Swagger|OpenAPI|OpenAPI Specification
Apache Maven|!Maven
Gradle
npm
!Yarn
Webhooks
REST APIs|REST|RESTful|REST API|RESTful APIs|RESTful API|RESTful services|RESTful web services
SOAP|SOAP web services
JSON|JavaScript Object Notation JSON
XML|Extensible markup language XML
YAML
AJAX
WebSockets|WebSocket
RabbitMQ
ServiceNow
Zendesk
Freshdesk
Intercom
Informatica|Informatica PowerCenter|Informatica software
Alteryx|Alteryx software
Talend
SSIS|Microsoft SQL Server Integration Services SSIS|SQL Server Integration Services
SSRS|Microsoft SQL Server Reporting Services SSRS|SQL Server Reporting Services
Microsoft Team Foundation Server|Team Foundation Server|TFS
!Slack
!Zoom|Zoom Video|Zoom meetings
Microsoft Teams|MS Teams
Cisco Webex|Webex
Google Workspace|G Suite|GSuite|Google Workspace software|Google Apps
Google Docs
Google Sheets
Google Slides
Google Drive
Dropbox
Airtable
Zapier
Wireshark
Nagios
Figma
Sketch App|!Sketch
Adobe XD
InVision
Canva
!Miro
Lucidchart
Microsoft Visio|Visio|MS Visio
Adobe Acrobat|Acrobat|Adobe Acrobat Pro
Adobe Photoshop|Photoshop
Adobe Illustrator
Adobe InDesign|InDesign
Adobe After Effects|After Effects
Adobe Premiere Pro|Premiere Pro|Adobe Premiere
Adobe Creative Cloud|Adobe Creative Suite|Creative Cloud|Adobe Creative Cloud software
Adobe Lightroom|Lightroom
Final Cut Pro|Apple Final Cut Pro
Blender 3D
Autodesk Maya|Maya 3D
WordPress|Wordpress
Drupal
Joomla
Shopify
Magento|Adobe Commerce
!Wix
Squarespace
Webflow
Apple macOS|macOS|Mac OS X|OS X
Microsoft Windows|Windows 10|Windows 11
Apple iOS|iOS
Android|Google Android
Active Directory|Microsoft Active Directory|AD DS
Microsoft Exchange|Exchange Server
Office 365|Microsoft 365|O365|M365
`,
  office: `
Microsoft Office|MS Office|Microsoft Office Suite|Microsoft Office software|MS Office Suite|Office Suite
!Excel|Microsoft Excel|MS Excel|Excel spreadsheets|Advanced Excel
!Word|Microsoft Word|MS Word
PowerPoint|Microsoft PowerPoint|MS PowerPoint|Power Point
!Outlook|Microsoft Outlook|MS Outlook
Microsoft Project|MS Project
Microsoft SharePoint|SharePoint|Sharepoint
Microsoft Publisher|MS Publisher
Pivot tables|PivotTables|Pivot table
VLOOKUP|XLOOKUP|V-lookup
Data entry
?Typing
`,
  data_science: `
Machine Learning|ML|machine-learning
Deep Learning|deep-learning
Natural Language Processing|NLP
Computer Vision
Artificial Intelligence|AI
Generative AI|GenAI|Gen AI
Large Language Models|LLM|LLMs|Large Language Model
Prompt Engineering
Retrieval-Augmented Generation|RAG
Neural Networks|Neural Network|ANN
Convolutional Neural Networks|CNN|CNNs
Recurrent Neural Networks|RNN|LSTM
Transformer Models|Transformer architecture
Reinforcement Learning
?Statistics|Statistical analysis|Statistical modeling|Statistical modelling
Regression Analysis|Linear regression|Logistic regression|Regression modeling
Time Series Analysis|Time series|Time-series forecasting
A/B Testing|AB testing|A/B tests|Split testing|A/B testing
Hypothesis Testing
Predictive Modeling|Predictive modelling|Predictive analytics
Feature Engineering
Data Analysis|Data analytics|Analyzing data|Data analyses
Data Visualization|Data visualisation|Data viz
Data Mining
Data Modeling|Data modelling
Data Warehousing|Data warehouse|Data Warehouses
ETL|ELT|Extract Transform Load|ETL pipelines
Data Engineering
Data Pipelines|Data pipeline
Big Data
Business Intelligence|BI
Tableau
Microsoft Power BI|Power BI|PowerBI
!Looker
Qlik|QlikView|Qlik Sense|Qlik Tech QlikView
SPSS|IBM SPSS|IBM SPSS Statistics
Stata|StataCorp Stata
Minitab
Jupyter|Jupyter Notebook|Jupyter Notebooks|JupyterLab
MLflow
Kubeflow
Amazon SageMaker|SageMaker
Vertex AI
Google Analytics|GA4|Google Analytics 4
Excel Modeling|Financial modeling in Excel
Mathematica|Wolfram Mathematica|Wolfram Research Mathematica
LabVIEW|National Instruments LabVIEW
`,
  security: `
Cybersecurity|Cyber Security|Information Security|InfoSec|IT security
Penetration Testing|Pen testing|Pentesting|Ethical hacking
OWASP|OWASP Top 10
SIEM
Identity and Access Management|IAM
OAuth|OAuth2|OAuth 2.0
OpenID Connect|OIDC
JWT|JSON Web Tokens|JSON Web Token
SSO|Single Sign-On|Single sign on
?Encryption|Cryptography
?Firewalls|?Firewall
Vulnerability Assessment|Vulnerability management
ISO 27001|ISO/IEC 27001
SOC 2|SOC2
GDPR|General Data Protection Regulation
HIPAA|HIPAA compliance
PCI DSS|PCI-DSS|PCI compliance
`,
  networking: `
TCP/IP|TCP IP
DNS
HTTP|HTTPS
?Networking|Computer networking|Network administration
LAN/WAN|LAN|WAN
VPN|Virtual private network
!Cisco|Cisco IOS|Cisco routers
CCNA
Routing and Switching|Routing & switching
Load Balancing|Load balancer|Load balancers
CDN|Content delivery network
Technical Support|Help desk|Helpdesk|IT support|Desktop support|Service desk
Troubleshooting
`,
  methodology: `
Agile|Agile methodology|Agile methodologies|Agile development
Scrum|Scrum methodology
Kanban
Waterfall
?Lean|Lean methodology|Lean principles
Six Sigma|Lean Six Sigma|6 Sigma|Six Sigma Green Belt|Six Sigma Black Belt
Test-Driven Development|TDD|Test Driven Development
Behavior-Driven Development|BDD
Domain-Driven Design|DDD
Object-Oriented Programming|OOP|Object Oriented Programming|Object-oriented design|OOD
Functional Programming
Design Patterns
System Design|Systems design|Distributed systems design
Distributed Systems
Event-Driven Architecture|Event driven architecture|Event sourcing
Software Architecture
Unit Testing|Unit tests
Integration Testing|Integration tests
Test Automation|Automated testing|Automation testing|QA automation
Quality Assurance|QA
Manual Testing
Performance Testing|Load testing
Code Review|Code reviews
Pair Programming
Version Control|Source control
Software Development|Software engineering
Web Development|Web application development
Front-End Development|Frontend development|Frontend|Front-end|Front end development
Back-End Development|Backend development|Backend|Back-end|Back end development
Full-Stack Development|Full stack development|Full-stack|Fullstack|Full stack
Mobile Development|Mobile app development|Mobile applications
iOS Development|iOS developer|iOS engineer|iOS app development
Android Development|Android developer|Android engineer|Android app development
API Design|API development|API integration
Responsive Design|Responsive web design
?Accessibility|WCAG|Web accessibility|a11y
UI Design|User interface design
UX Design|User experience design|User experience|UX research|User research
UI/UX|UX/UI
?Wireframing|Wireframes
?Prototyping
Embedded Systems|Embedded software|Firmware
IoT|Internet of Things
?Blockchain
Game Development
Technical Writing|Technical documentation
`,
  healthcare: `
Patient Care|Direct patient care|Patient-centered care|Patient centred care
Patient Assessment|Patient assessments|Health assessment|Nursing assessment
Patient Education|Patient teaching
Medication Administration|Administering medications|Medication management|Medication administration|Med admin|Med administration|Medication admin|Medication pass|Med pass|Administration of medications
IV Therapy|Intravenous therapy|IV insertion|IV access|IV starts|Peripheral IV
Wound Care|Wound management|Wound dressing|Wound vac|Wound VAC therapy|Negative pressure wound therapy|NPWT|Wound assessment
Phlebotomy|Venipuncture|Blood draws
Vital Signs|Vital signs monitoring|Vitals
?Triage
Electronic Health Records|EHR|EMR|Electronic Medical Records|EHR systems|Electronic health record
!Epic|Epic Systems|Epic EHR|Epic EMR
Cerner|Cerner PowerChart|Oracle Cerner
MEDITECH|Meditech|MEDITECH software
eClinicalWorks|eClinicalWorks EHR software
PointClickCare|Point Click Care
athenahealth|athenaOne|athenaClinicals
Basic Life Support|BLS|BLS certification|BLS certified
Advanced Cardiac Life Support|ACLS|ACLS certification|ACLS certified
Pediatric Advanced Life Support|PALS
CPR|Cardiopulmonary resuscitation|CPR certified|CPR certification
First Aid
Infection Control|Infection prevention
Critical Care|Intensive care|ICU
Emergency Medicine|Emergency care|Emergency nursing
?Telemetry|Cardiac monitoring|Telemetry monitoring
Care Planning|Care plans|Nursing care plans
Discharge Planning
Case Management|Care coordination
Medical Terminology
Medical Coding|ICD-10|ICD-10 coding|CPT coding|CPT
Medical Billing
HIPAA Privacy
Clinical Documentation|Charting
Clinical Research|Clinical trials
Pharmacology
?Anatomy|Anatomy and physiology
Pediatrics|Paediatrics|Pediatric care
Geriatrics|Geriatric care|Elderly care|Aged care
?Oncology
?Cardiology
Obstetrics|Labor and delivery|Maternity care
Mental Health|Psychiatric nursing|Behavioral health
Physical Therapy|Physiotherapy
Occupational Therapy
Radiology|Medical imaging
?Surgery|Perioperative care|Surgical nursing|Operating room|Post-operative care|Postoperative care
?Dialysis
Ventilator Management|Mechanical ventilation
Catheterization|Foley catheter|Urinary catheterization
Diabetes Management|Diabetes care|Insulin administration
Palliative Care|Hospice care|End-of-life care
?Nursing
Public Health
Epidemiology
Healthcare Administration|Health administration
`,
  finance: `
?Accounting|Accountancy
Bookkeeping|Book-keeping
Financial Reporting|Financial statements|Financial statement preparation|Financial reports
Financial Analysis|Financial analyses
Financial Modeling|Financial modelling|Financial models
Budgeting|Budget planning|Budget preparation
Forecasting|Financial forecasting
Accounts Payable|AP|A/P
Accounts Receivable|AR|A/R
General Ledger|GL|General ledger accounting|Nominal ledger|Nominal ledger accounting
Reconciliation|Account reconciliation|Bank reconciliation|Reconciliations|Account reconciliations|Bank reconciliations
Month-End Close|Month end close|Month-end closing|Year-end close|Financial close|Month-end closedown|Month end closedown|Year-end closedown|Period-end close|Period end close|Period-end closedown|?Closedown
Payroll|Payroll processing|Payroll administration
Tax Preparation|Tax returns|Tax compliance|Taxation|Tax planning|Tax accounting
Auditing|?Audit|Internal audit|External audit|?Audits|Internal auditing|Audit procedures
GAAP|US GAAP|U.S. GAAP|Generally Accepted Accounting Principles
IFRS|International Financial Reporting Standards
Sarbanes-Oxley|SOX|SOX compliance
Cost Accounting
Variance Analysis
Cash Flow Management|Cash flow|Cash management|Cash flow forecasting
Accruals|Accrual accounting|Journal entries
Fixed Assets|Fixed asset accounting|Depreciation
Financial Planning|FP&A|Financial planning and analysis
Corporate Finance
Investment Analysis|Investment management|Portfolio management
?Valuation|DCF|Discounted cash flow
Risk Management|Risk assessment|Risk analysis
?Compliance|Regulatory compliance
Credit Analysis|Credit risk
?Banking
Invoicing|Invoice processing
Expense Reports|Expense management
QuickBooks|Intuit QuickBooks|Quickbooks Online|QBO
!Xero
!Sage|Sage 50|Sage 50 Accounting|Sage Intacct
NetSuite|Oracle NetSuite|NetSuite ERP
SAP|SAP ERP|SAP software|SAP S/4HANA|S/4HANA|SAP FICO|SAP FI/CO|SAP FI
Oracle Financials|Oracle E-Business Suite|Oracle EBS|Oracle E-Business Suite Financials
Oracle Hyperion|Hyperion
Microsoft Dynamics|Dynamics 365|Microsoft Dynamics GP|Dynamics GP|Dynamics NAV
Oracle PeopleSoft|PeopleSoft
JD Edwards|Oracle JD Edwards EnterpriseOne|JDE
ERP|Enterprise resource planning|ERP systems
Bloomberg Terminal|!Bloomberg
`,
  sales: `
?Sales
B2B Sales|?B2B|Business-to-business sales
B2C Sales|?B2C
Lead Generation|Lead gen|Generating leads|Prospecting
Cold Calling|Cold calls
Account Management|Key account management|Client account management
Business Development|BizDev|Biz Dev
Negotiation|Negotiating|Contract negotiation|Negotiations
Deal Closing|Closing deals
Pipeline Management|Sales pipeline|Pipeline development
Sales Forecasting
Customer Relationship Management|CRM|CRM software|CRM systems
Salesforce|Salesforce.com|SFDC|Salesforce CRM|Salesforce software
HubSpot|HubSpot CRM|HubSpot software
Pipedrive
Zoho CRM|Zoho
Territory Management
Solution Selling|Consultative selling|Consultative sales
Upselling|Cross-selling|Up-selling
Customer Service|Customer support|Client service|Customer care
Customer Success
Client Relations|Client relationships|Relationship building|Relationship management
Retail Sales|?Retail
Merchandising|Visual merchandising
Point of Sale|POS|POS systems|Point of sale systems
Cash Handling
Inside Sales
Outside Sales|Field sales
Sales Presentations|Product demonstrations|Product demos
RFP|RFP responses|Request for proposal
Quota Attainment|Exceeding quotas|Sales targets
`,
  marketing: `
?Marketing|Marketing strategy|Marketing plans
Digital Marketing|Online marketing|Internet marketing
Search Engine Optimization|SEO|Search engine optimisation|search engine optimisation
Search Engine Marketing|SEM|Search marketing|Paid search
Pay-Per-Click|PPC|Pay per click|Paid advertising|Paid media
Google Ads|Google AdWords|AdWords
Facebook Ads|Meta Ads|Facebook advertising
LinkedIn Ads
Social Media Marketing|Social media|Social media management|SMM|Social media strategy
Content Marketing|Content strategy|Content creation
Email Marketing|Email campaigns|E-mail marketing
Marketing Automation|Marketo|Marketo Marketing Automation|Pardot|Eloqua|Oracle Eloqua
Mailchimp|MailChimp
Hootsuite
Copywriting|Copy writing
Brand Management|Branding|Brand strategy|Brand development|Brand identity
Market Research|Market analysis|Marketing research
Competitive Analysis|Competitor analysis
Campaign Management|Marketing campaigns|Campaign planning
Product Marketing|Go-to-market|GTM strategy|Go-to-market strategy
Public Relations|PR|Media relations
Event Planning|Event management|Events management
Influencer Marketing
Affiliate Marketing
Conversion Rate Optimization|CRO
Marketing Analytics|Web analytics
Google Tag Manager
SEMrush|Semrush
Ahrefs
Customer Segmentation|Market segmentation
Corporate Communications|Marketing communications
Graphic Design
Video Editing
?Photography
?Journalism
`,
  education: `
Lesson Planning|Lesson plans|Lesson plan development
Curriculum Development|Curriculum design|Curriculum planning|Curricula development
Classroom Management
Differentiated Instruction|Differentiation|Differentiated learning
Special Education|SEN|Special educational needs|SPED
Student Assessment|Formative assessment|Summative assessment|Assessment design
Individualized Education Programs|IEP|IEPs|Individualized Education Program
Instructional Design
E-Learning|eLearning|Online learning|Online teaching
Learning Management Systems|LMS|Learning management system
Google Classroom
Moodle
Canvas LMS
!Blackboard|Blackboard Learn
Tutoring
Teaching|Classroom instruction
Early Childhood Education|Early years education|Early childhood
STEM Education|STEM
ESL|English as a Second Language|TESOL|TEFL|EFL|ELL
?Literacy|Reading instruction|Phonics
?Mathematics|?Math
Parent Communication|Parent-teacher communication|Parent engagement
Student Engagement
Behavior Management|Behaviour management|Positive behavior support
Educational Technology|EdTech
!Montessori
?Coaching
?Mentoring|Mentorship
Staff Training|Employee training|Corporate training
Public Speaking
`,
  logistics: `
?Logistics|Logistics management
Supply Chain Management|SCM|Supply chain|Supply chain operations
Inventory Management|Inventory control|Stock control|?Inventory
Warehouse Management|Warehousing|Warehouse operations
Warehouse Management Systems|WMS|Warehouse management system
Transportation Management|Transportation management systems|TMS|Transport management
MercuryGate|MercuryGate TMS
Manhattan WMS|Manhattan Associates WMS|Manhattan SCALE|Manhattan Warehouse Management
HighJump|HighJump WMS|Korber HighJump
Blue Yonder|JDA Software|Blue Yonder WMS
Procurement|?Purchasing|Strategic sourcing
Vendor Management|Supplier management|Supplier relations|Vendor relations
Demand Planning|Demand forecasting
Fleet Management
Route Planning|Route optimization|Routing optimization
Shipping and Receiving|Shipping & receiving|Shipping/receiving
Freight|?Freight|Freight forwarding|Freight management
Import/Export|Customs clearance|Customs compliance|International shipping|Incoterms
Order Fulfillment|Order fulfilment|Order processing|Pick and pack|Picking and packing
Forklift Operation|Forklift|Forklift certified|Forklift certification|Forklift operator
?Distribution|Distribution management
Lean Manufacturing|Lean production
Just-in-Time|JIT
Kaizen|Continuous improvement
5S
Materials Requirements Planning|MRP|MRP II
Cycle Counting|Cycle counts
Last-Mile Delivery|Last mile delivery
Dispatching|Dispatch operations
Commercial Driving|CDL|Commercial driver's license|Class A CDL
DOT Regulations|DOT compliance
OSHA|OSHA compliance|OSHA 10|OSHA 30
Health and Safety|Workplace safety|Occupational health and safety|EHS|HSE
`,
  engineering: `
AutoCAD|Autodesk AutoCAD|Auto CAD
AutoCAD Civil 3D|Civil 3D|Autodesk AutoCAD Civil 3D
SolidWorks|Dassault Systemes SolidWorks|Solid Works|SOLIDWORKS
CATIA|Dassault Systemes CATIA
!Creo|PTC Creo|PTC Creo Parametric|Pro/ENGINEER|Pro/E
Siemens NX|Unigraphics|NX CAD
Autodesk Inventor|Inventor CAD
Autodesk Revit|Revit
Fusion 360|Autodesk Fusion 360
SketchUp|Trimble SketchUp Pro|SketchUp Pro
Bentley MicroStation|MicroStation
ANSYS|Ansys
Abaqus
COMSOL|COMSOL Multiphysics
Simulink
Computer-Aided Design|CAD|CAD software|CAD design|Computer aided design
Computer-Aided Manufacturing|CAM|CAM software
Finite Element Analysis|FEA|FEM|Finite element method|Finite element modeling
Computational Fluid Dynamics|CFD
GD&T|Geometric dimensioning and tolerancing|GD and T
3D Modeling|3D modelling|3D CAD
3D Printing|Additive manufacturing
CNC Machining|CNC|CNC programming
?Machining
?Welding
HVAC
Thermodynamics
Fluid Mechanics|Fluid dynamics
Heat Transfer
Mechanical Design|Machine design
Product Design|Product development
Design for Manufacturing|DFM|DFMA
Root Cause Analysis|RCA|5 Whys
FMEA|Failure mode and effects analysis|DFMEA|PFMEA
Statistical Process Control|SPC
Quality Control|QC|Quality inspection
Quality Management|QMS|Quality management system|Total quality management|TQM
ISO 9001
Technical Drawings|Engineering drawings|Blueprints|Blueprint reading
Prototype Testing|Prototyping and testing
PLC Programming|PLC|PLCs|Programmable logic controllers
SCADA|Supervisory control and data acquisition SCADA software
Electrical Engineering
Mechanical Engineering
Civil Engineering
Structural Analysis|Structural engineering
Process Engineering|Process improvement|Process optimization
?Manufacturing|Manufacturing processes
Preventive Maintenance|Predictive maintenance
?Robotics
Control Systems
Circuit Design|PCB design|PCB layout
Geographic Information Systems|GIS|ArcGIS|ESRI ArcGIS|ESRI ArcGIS software|QGIS
?Surveying
Project Engineering
`,
  hr: `
Recruiting|Recruitment|Talent acquisition|Full-cycle recruiting|Full cycle recruiting|Sourcing candidates
Interviewing|Candidate interviewing|Behavioral interviewing|Structured interviews
Onboarding|Employee onboarding|New hire onboarding
Employee Relations|Labor relations|Labour relations|Industrial relations
Performance Management|Performance reviews|Performance appraisals|Performance evaluations
Compensation and Benefits|Benefits administration|Compensation management|Total rewards|Compensation & benefits
HRIS|Human resources information system|HR information systems|HRMS|Human resource management software HRMS
!Workday|Workday HCM|Workday software
ADP|ADP Workforce Now|ADP Payroll
BambooHR
SuccessFactors|SAP SuccessFactors
Oracle Taleo|Taleo
Greenhouse ATS|!Greenhouse
Applicant Tracking Systems|ATS|Applicant tracking system
!Kronos|Kronos Workforce Timekeeper|UKG
Employment Law|Labor law|Labour law|Employment legislation
HR Policies|Policy development|HR policy
Succession Planning
Workforce Planning
Talent Management
Learning and Development|L&D|Training and development
Organizational Development|Organisational development|OD
Diversity and Inclusion|DEI|D&I|Diversity, equity and inclusion
Employee Engagement
Conflict Resolution|Dispute resolution|?Mediation
Human Resources|HR|Human resource management|HRM|People operations
FMLA
Background Checks|Background screening
Job Descriptions|Job analysis
`,
  legal: `
Legal Research
Contract Management|Contract administration
Contract Drafting|Drafting contracts|Legal drafting
Litigation
Intellectual Property|IP law
Corporate Law
Due Diligence
Paralegal|Paralegal services
eDiscovery|E-discovery
Westlaw
LexisNexis|Lexis
Regulatory Affairs
Anti-Money Laundering|AML|KYC|Know your customer
`,
  management: `
Project Management|Project planning|Project delivery|Project coordination|Managing projects
Program Management|Programme management
Product Management|Product owner|Product ownership|Product roadmap|Roadmapping
Stakeholder Management|Stakeholder engagement|Stakeholder communication
Change Management
Operations Management|Business operations
Strategic Planning|Business strategy|Strategic thinking
Team Leadership|Team management|People management|Leading teams|Managing teams|Team building
Process Improvement|Business process improvement|Continuous process improvement
Business Analysis|Requirements gathering|Requirements analysis|Business requirements
Business Process Modeling|BPMN|Process mapping
KPI Tracking|KPIs|Key performance indicators|KPI
Vendor Negotiation
Resource Planning|Resource allocation|Capacity planning
?Scheduling|Staff scheduling|Shift scheduling
Cross-Functional Collaboration|Cross-functional teams|Cross functional collaboration
PMP|Project Management Professional
PRINCE2|Prince2
ITIL|ITIL v4|ITIL Foundation
Primavera|Oracle Primavera|Primavera P6|Oracle Primavera Enterprise Project Portfolio Management
Budget Management
Customer Experience|CX
?Hospitality|Hotel management|Guest services
Food Safety|HACCP|ServSafe
Real Estate|Property management
Yardi|Yardi software
Construction Management|Site management
Facilities Management|Facility management
Administrative Support|Office administration|Administrative assistance|Office management
Calendar Management|Diary management
Record Keeping|Records management|Recordkeeping
Customer Onboarding
Fundraising|Donor relations|Grant writing
Nonprofit Management|Non-profit management
`,
  soft_skill: `
Communication|Communication skills|Verbal communication|Written communication|Communication abilities
Leadership|Leadership skills
Teamwork|Team player|Team work|Collaboration
Problem Solving|Problem-solving|Problem solver|Solving problems
Critical Thinking
Time Management
Attention to Detail|Detail-oriented|Detail oriented|Attention to detail
Organizational Skills|Organisational skills|Organization skills|Highly organized|Organisation skills
Adaptability|Adaptable
?Creativity|Creative thinking
Interpersonal Skills|Interpersonal communication|People skills
Customer Focus|Customer-focused|Customer-centric|Customer orientation
?Multitasking|Multi-tasking
Decision Making|Decision-making
Analytical Skills|Analytical thinking
Emotional Intelligence|?Empathy
Work Ethic
Self-Motivated|Self-starter|Self motivated
Presentation Skills
Active Listening
Negotiation Skills
Prioritization|Prioritisation|Prioritizing
?Resilience
?Accountability
Conflict Management
Cultural Awareness|Cross-cultural communication|Intercultural competence
`,
};

// Entries for generic-sounding O*NET / ESCO items that should never enter the dictionary.
const EXCLUDE = new Set(
  [
    'linkedin',
    'facebook',
    'instagram',
    'tiktok',
    'twitter',
    'youtube',
    'smugmug flickr',
    'groupme',
    'facetime',
    'eko',
    'doc cop',
    'flipgrid',
    'skype',
    'mcafee',
    'delphi technology',
    'energy',
    'logic',
    'history',
    'politics',
    'literature',
    'cameras',
    'medicines',
    'patents',
    'betting',
    'graphite',
    'explosives',
    'radars',
    'crafting',
    'spiritualism',
    'astrology',
    'lactation',
    'childbirth',
    'craftsmanship',
    'geometry',
    'optics',
    'acoustics',
    'botany',
    'nutrition',
    'yoga',
    'photonics',
    'information structure',
    'business model',
    'customer insight',
    'energy market',
    'water pressure',
    'design drawings',
    'gas market',
    'check methods',
    'geographic areas',
    'animal acquisition',
    'social alliances',
    'sightseeing information',
    'foreign affairs',
    'electricity consumption',
    'gas consumption',
    'body language',
    'solution deployment',
    'hardware platforms',
    'political parties',
    'computer history',
    'musical instruments',
    'chemical products',
    'food materials',
    'laboratory equipment',
    'financial products',
    'production processes',
    'manufacturing processes',
    'assessment processes',
    'innovation processes',
    'consultation methods',
    'interview techniques',
    'documentation types',
    'check methods',
    'transmission towers',
    'fine arts',
    'car controls',
    'cleaning products',
    'organisational policies',
    'business management principles',
    // generic O*NET leftovers once " software" is stripped
    'email',
    'database',
    'mapping',
    'graphics',
    'billing',
    'presentation',
    'spreadsheet',
    'statistical',
    'simulation',
    'debugging',
    'google',
    'tax',
    'timekeeping',
    'meet',
    'sites',
    'notes',
    'ide',
    'gps',
    'disassembler',
    'mis',
    'pms',
    'oms',
    'sis',
    'eai',
    'gda',
    'helix',
    'blink',
    'domino',
    // religions, vague ESCO terms
    'christianity',
    'islam',
    'buddhism',
    'hinduism',
    'judaism',
    'quran',
    'torah',
    'prayer',
    'bible texts',
    'monasticism',
    'occultism',
    'numerology',
    'horary astrology',
    'elective astrology',
    'astropsychology',
    'human ear',
    'hair',
    'wood cuts',
    'prepared meals',
    'cost metrics',
    'numerical sequences',
    'games rules',
    'hand gestures',
    'hybrid model',
    'sporting events',
    'personal development',
    'capacity building',
    'search engines',
    'operating systems',
    'first response',
    'water consumption',
    'natural areas maintenance',
    'migration',
    'protein',
    'logging',
    'dies',
    'morality',
    'ethics',
    'spelling',
    'grammar',
    'consultation',
    'reflexion',
    'similitude',
    'pregnancy',
    'obesity',
    'allergies',
    'football',
    'golf',
    'tennis',
    'ski',
    'snowboard',
    'boxing',
    'ice-skating',
    'wildlife',
    'sensors',
    'lasers',
    'adhesives',
    'bristles',
    'cosmetics',
    'petroleum',
    'gemstones',
    'beeswax',
    'coining',
    'typology',
    'terminology',
    'camouflage',
    'oxidation',
    'category specific expertise',
    'training  subject expertise',
    'player logic',
    'local geography',
    'technical terminology',
    'joint ventures',
    'security threats',
    'environmental threats',
    'cancer risks',
  ].map((s) => s.toLowerCase()),
);

// Natural languages are not "skills" for matching (the resume parser extracts them separately).
const NATURAL_LANGUAGES = new Set(
  `afrikaans albanian amharic arabic armenian azerbaijani basque belarusian bengali berber bihari bosnian
  breton bulgarian burmese catalan cebuano chinese cantonese mandarin corsican croatian czech danish dutch
  english esperanto estonian faroese filipino finnish french frisian galician georgian german greek
  gujarati haitian hausa hawaiian hebrew hindi hmong hungarian icelandic igbo indonesian irish italian
  japanese javanese kannada kazakh khmer korean kurdish kyrgyz lao latin latvian lithuanian luxembourgish
  macedonian malagasy malay malayalam maltese maori marathi moldovan mongolian montenegrin nepali
  norwegian occitan pashto persian polish portuguese punjabi quechua romani romanian russian samoan
  sanskrit sardinian scottish serbian sesotho shona sindhi sinhala slovak slovenian somali spanish
  sundanese swahili swedish tagalog tajik tamil tatar telugu thai tibetan tigrinya turkish turkmen
  ukrainian urdu uyghur uzbek vietnamese welsh wolof xhosa yiddish yoruba zulu limburgish walloon
  flemish ancient greek`
    .split(/\s+/)
    .filter(Boolean),
);

// ---------------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------------
const norm = (s) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/** Minimal RFC 4180 CSV parser (quoted fields may contain newlines). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

class Dictionary {
  constructor() {
    /** @type {{name:string, aliases:string[], category:string, ambiguous?:boolean, source:string}[]} */
    this.entries = [];
    /** normalized alias -> entry index */
    this.byAlias = new Map();
  }
  /** Adds or merges; returns the entry. Aliases already owned by another entry are dropped. */
  add(name, aliases, category, { ambiguous = false, ambiguousAliases = [], commonAliases = [], source }) {
    const all = [name, ...aliases].map((a) => a.replace(/\s+/g, ' ').trim()).filter(Boolean);
    let target;
    for (const a of all) {
      const idx = this.byAlias.get(norm(a));
      if (idx !== undefined) {
        target = this.entries[idx];
        break;
      }
    }
    if (!target) {
      target = { name: name.trim(), aliases: [], category, source };
      if (ambiguous) target.ambiguous = ambiguous;
      this.entries.push(target);
      this.byAlias.set(norm(target.name), this.entries.length - 1);
    }
    const idx = this.entries.indexOf(target);
    const added = new Set();
    for (const a of all) {
      const k = norm(a);
      if (this.byAlias.has(k)) continue;
      this.byAlias.set(k, idx);
      target.aliases.push(a);
      added.add(k);
    }
    // flags only apply to aliases this call introduced (curated spellings keep their own flags)
    for (const a of ambiguousAliases) if (added.has(norm(a))) (target.ambiguousAliases ??= []).push(a);
    for (const a of commonAliases) if (added.has(norm(a))) (target.commonAliases ??= []).push(a);
    return target;
  }
}

const dict = new Dictionary();

// 1. curated ------------------------------------------------------------------------------------
for (const [category, block] of Object.entries(CURATED)) {
  for (const raw of block.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    // "!" = ambiguous proper noun (Go, Excel: capitalised use only); "?" = ambiguous common noun
    // (statistics, nursing: any case). Either before the canonical name (whole entry) or an alias.
    const marker = line[0] === '!' ? true : line[0] === '?' ? 'common' : false;
    const parts = (marker ? line.slice(1) : line).split('|');
    const ambiguousAliases = parts
      .slice(1)
      .filter((a) => a.startsWith('!'))
      .map((a) => a.slice(1));
    const commonAliases = parts
      .slice(1)
      .filter((a) => a.startsWith('?'))
      .map((a) => a.slice(1));
    const [name, ...aliases] = parts.map((a) => a.replace(/^[!?]/, ''));
    dict.add(name, aliases, category, { ambiguous: marker, ambiguousAliases, commonAliases, source: 'curated' });
  }
}

// 2. O*NET ------------------------------------------------------------------------------------------
const COMMODITY_CATEGORY = [
  [/medical|health|clinical|pharmac/i, 'healthcare'],
  [/accounting|financial|tax|billing|ERP|time accounting/i, 'finance'],
  [/customer relationship|sales|point of sale/i, 'sales'],
  [/human resources|time accounting/i, 'hr'],
  [/computer aided|industrial control|CAD|CAM/i, 'engineering'],
  [/inventory|supply chain|logistics|materials requirements/i, 'logistics'],
  [/data base|database|business intelligence|analytical|data mining/i, 'data_science'],
  [
    /development environment|object or component|program testing|web platform|application server|configuration management|enterprise application/i,
    'tool',
  ],
  [/operating system/i, 'tool'],
  [/word processing|spreadsheet|presentation|office suite|electronic mail|calendar/i, 'office'],
  [/graphics|photo|video|desktop publishing|music|sound/i, 'design'],
  [/computer based training|learning|course/i, 'education'],
];
const VENDORS = [
  'Microsoft',
  'Adobe',
  'Oracle',
  'Apache',
  'Amazon',
  'Google',
  'IBM',
  'Atlassian',
  'Autodesk',
  'Intuit',
  'The MathWorks',
  'Dassault Systemes',
  'Trimble',
  'ESRI',
  'Bentley',
  'Cisco',
  'Red Hat',
  'Apple',
  'SAP',
  'Qlik Tech',
  'StataCorp',
  'National Instruments',
  'Wolfram Research',
  'PTC',
  'Corel',
  'Hewlett Packard',
  'Blackbaud',
  'Sage',
  'Citrix',
  'Veritas',
  'Quest',
  'LogMeIn',
  'iParadigms',
  'NortonLifeLock',
  'Perforce',
];
const onetText = readFileSync(resolve(dataDir, 'onet_technology_skills.tsv'), 'utf8');
const onet = new Map(); // example -> {commodity, hot, occupations}
for (const line of onetText.split('\n').slice(1)) {
  const cols = line.split('\t');
  if (cols.length < 6) continue;
  const [, example, , commodity, hot, demand] = cols;
  const cur = onet.get(example) ?? { commodity, hot: false, occupations: 0 };
  cur.occupations++;
  if (hot === 'Y' || demand.trim() === 'Y') cur.hot = true;
  onet.set(example, cur);
}
let onetAdded = 0;
for (const [example, info] of onet) {
  if (!info.hot && info.occupations < 10) continue;
  if (EXCLUDE.has(norm(example))) continue;
  let name = example.replace(/\s+(software|software suite)$/i, '').trim();
  const aliases = [example];
  // Trailing acronym: "Geographic information system GIS" -> GIS (+ the words as an alias).
  const acr = name.match(/^(.*?)\s+([A-Z][A-Z0-9/&-]{1,})$/);
  const words = name.split(' ');
  const generic = words.length > 1 && words.slice(1).every((w) => /^[a-z]/.test(w));
  if (
    acr &&
    /\s/.test(acr[1]) &&
    acr[1]
      .split(' ')
      .slice(1)
      .every((w) => /^[a-z]/.test(w))
  ) {
    aliases.push(acr[1]);
    name = acr[2];
  } else if (generic || /^[a-z]/.test(name)) {
    continue; // "Web browser software", "Spreadsheet software": categories, not skills
  }
  const ambiguousAliases = [];
  for (const v of VENDORS) {
    if (name.startsWith(v + ' ') && name.length > v.length + 2) {
      const short = name.slice(v.length + 1);
      // "Adobe Audition" -> keep the vendor in the canonical name when the rest is a plain word
      if (/^[A-Z][a-z]+$/.test(short)) {
        aliases.push(short);
        ambiguousAliases.push(short);
      } else {
        aliases.push(name);
        name = short;
      }
      break;
    }
  }
  if (EXCLUDE.has(norm(name)) || NATURAL_LANGUAGES.has(norm(name))) continue;
  const category = COMMODITY_CATEGORY.find(([re]) => re.test(info.commodity))?.[1] ?? 'tool';
  const before = dict.entries.length;
  // A plain capitalised word ("Loom", "Seesaw") is likely an ordinary English word too.
  const plainWord = /^[A-Z][a-z]+$/.test(name) && !dict.byAlias.has(norm(name));
  dict.add(name, aliases, category, { source: 'onet', ambiguous: plainWord, ambiguousAliases });
  if (dict.entries.length > before) onetAdded++;
}

// 3. ESCO -----------------------------------------------------------------------------------------
const VAGUE =
  /\b(types?|history|variety|characteristics|principles|theory|theories|regulations?|legislation|policies|policy|standards?|procedures?|processes|process|methods?|techniques?|practices?|components?|products?|industry|materials?|equipment|requirements|documents?|trends|activities|operations|sector|concepts?|features|specifications|properties|functions|devices?|instruments|tools|machines?|machinery|systems of|of|and|in|for|on|with|to)\b/i;
const ESCO_CATEGORY = [
  [
    /\b(nurs|medic|clinic|surg|patient|therap|disease|diagnos|anatom|physiolog|pharma|dental|dentist|obstetr|paediatr|pediatr|oncolog|cardio|neuro|radiolog|patholog|psychiatr|gastro|dermat|orthop|immunolog|health|hygien|ophthalm|audiolog|midwif|geriatr|rehabilit|epidemiolog|toxicolog|haemat|hemat|virolog|microbiolog|wound|blood|emergency)/i,
    'healthcare',
  ],
  [
    /\b(account|financ|tax|audit|bank|invest|budget|insur|credit|loan|econom|bookkeep|payroll|fiscal|actuar|securities|stock|pension|mortgage)/i,
    'finance',
  ],
  [/\b(market|advertis|brand|seo\b|social media|public relations|copywrit|media)/i, 'marketing'],
  [/\b(sales|selling|retail|customer|merchandis|e-commerce|commerce)/i, 'sales'],
  [/\b(teach|pedagog|curricul|education|learning|didactic|tutor|school|montessori|literacy)/i, 'education'],
  [/\b(logistic|warehouse|shipping|freight|supply chain|cargo|transport|inventory|procurement|purchas|customs|distribution)/i, 'logistics'],
  [/\b(law|legal|juris|litigation|contract|patent|intellectual property|criminal)/i, 'legal'],
  [/\b(recruit|employ|labour|labor|human resource|personnel|workforce|occupational)/i, 'hr'],
  [
    /\b(software|programming|computer|ICT|data|web|network|database|cloud|cyber|algorithm|machine learning|artificial intelligence|digital|internet|app\b|mobile|cryptograph)/i,
    'technology',
  ],
  [
    /\b(engineer|mechanic|electric|electron|hydraul|pneumat|thermo|CAD|manufactur|machin|weld|robot|automation|construct|structural|civil|material|metal|chemical|chemistry|physics|optic|energy)/i,
    'engineering',
  ],
  [/\b(manage|leadership|project|strateg|business|organis|organiz|quality)/i, 'management'],
  [/\b(design|art|music|photo|video|film|animation|graphic|typograph|fashion|textile|theatre|dance)/i, 'design'],
  [/\b(agricultur|farm|crop|livestock|forest|animal|fish|horticult|veterinar|soil|plant)/i, 'agriculture'],
  [/\b(food|cook|culinar|beverage|wine|hospitality|hotel|touris|catering|restaurant)/i, 'hospitality'],
];
const americanize = (s) =>
  norm(s)
    .replace(/isation/g, 'ization')
    .replace(/ise\b/g, 'ize')
    .replace(/our\b/g, 'or')
    .replace(/ae/g, 'e')
    .replace(/-/g, ' ');
const escoRows = parseCsv(readFileSync(resolve(dataDir, 'esco_skills_en.csv'), 'utf8'));
const header = escoRows[0];
const [iLabel, iAlt, iType] = ['preferredLabel', 'altLabels', 'skillType'].map((h) => header.indexOf(h));
let escoAdded = 0;
for (const r of escoRows.slice(1)) {
  if (r[iType] !== 'knowledge') continue;
  let label = (r[iLabel] ?? '').trim();
  if (!label) continue;
  const isProgramming = /\(computer programming\)/i.test(label);
  label = label.replace(/\s*\(computer programming\)\s*/i, '').trim();
  if (/[()]/.test(label)) continue;
  const words = label.split(/\s+/);
  if (words.length > 3) continue;
  const n = norm(label);
  if (EXCLUDE.has(n) || NATURAL_LANGUAGES.has(n) || NATURAL_LANGUAGES.has(n.split(' ')[0])) continue;
  if (words.length > 1 && VAGUE.test(label)) continue;
  if (label.length < 3) continue;
  const alts = (r[iAlt] ?? '')
    .split('\n')
    .map((a) => a.trim())
    .filter((a) => a && a.length >= 3 && a.split(/\s+/).length <= 4 && !/[()]/.test(a))
    .filter((a) => {
      const an = americanize(a);
      const ln = americanize(label);
      if (an === ln || norm(a) === n) return true; // spelling variant
      const initials = label
        .split(/[\s-]+/)
        .map((w) => w[0])
        .join('')
        .toUpperCase();
      if (words.length >= 2 && a === initials && a.length >= 3) return true; // acronym
      return false;
    });
  // single words from ESCO: lowercase nouns ("criminology") and plain capitalised words ("Scratch")
  const singleLower =
    words.length !== 1 ? false : /^[a-z]/.test(label) ? 'common' : /^[A-Z][a-z]+$/.test(label) || /^[A-Z]{2,4}$/.test(label);
  let category = isProgramming ? 'programming_language' : (ESCO_CATEGORY.find(([re]) => re.test(label))?.[1] ?? 'knowledge');
  const before = dict.entries.length;
  dict.add(label, alts, category, { source: 'esco', ambiguous: singleLower });
  if (dict.entries.length > before) escoAdded++;
}

// 4. implications --------------------------------------------------------------------------------
// "Broader <= narrower, narrower": a candidate who names a product or framework has the broader
// skill too (Epic is an EHR; NestJS runs on Node.js). Only is-a / built-on facts a recruiter would
// accept without asking; the extractor follows them transitively (NestJS -> Node.js -> JavaScript).
const IMPLIES = `
Electronic Health Records <= Epic, Cerner, MEDITECH, eClinicalWorks, PointClickCare, athenahealth
Learning Management Systems <= Google Classroom, Canvas LMS, Moodle, Blackboard, Schoology
Customer Relationship Management <= Salesforce, HubSpot, Zoho CRM
ERP <= NetSuite, SAP, Microsoft Dynamics
Transportation Management <= MercuryGate, Blue Yonder
Warehouse Management Systems <= Manhattan WMS, HighJump, Blue Yonder
Business Intelligence <= Tableau, Microsoft Power BI, Looker
Data Visualization <= Tableau, Microsoft Power BI, Looker
JavaScript <= TypeScript, Node.js, React, Vue.js, Angular, Next.js
Front-End Development <= React, Vue.js, Angular, Next.js
Node.js <= Express, NestJS
Python <= Django, Flask, FastAPI, pandas, NumPy, scikit-learn, PyTorch
Machine Learning <= scikit-learn, PyTorch, TensorFlow
Java <= Spring Boot
Ruby <= Ruby on Rails
PHP <= Laravel
C# <= ASP.NET
SQL <= PostgreSQL, MySQL, Snowflake
Kubernetes <= Amazon EKS
AWS <= Amazon EKS
CI/CD <= GitHub Actions, Jenkins, GitLab CI
Unit Testing <= Jest
`;
const entryNamed = (name) => {
  const idx = dict.byAlias.get(norm(name));
  if (idx === undefined) throw new Error(`IMPLIES names "${name}", which is not in the dictionary`);
  return dict.entries[idx];
};
for (const raw of IMPLIES.split('\n')) {
  if (!raw.trim()) continue;
  const [broader, narrower] = raw.split('<=').map((side) => side.trim());
  const target = entryNamed(broader).name;
  for (const name of narrower.split(',').map((n) => n.trim())) {
    const entry = entryNamed(name);
    if (entry.name === target) throw new Error(`IMPLIES: "${name}" implies itself`);
    if (!(entry.implies ??= []).includes(target)) entry.implies.push(target);
  }
}

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------
const skills = dict.entries.map((e) => {
  const out = { name: e.name, aliases: e.aliases.filter((a) => a !== e.name), category: e.category };
  if (e.implies?.length) out.implies = e.implies;
  if (e.ambiguous) out.ambiguous = e.ambiguous;
  else {
    if (e.ambiguousAliases?.length) out.ambiguousAliases = e.ambiguousAliases;
    if (e.commonAliases?.length) out.commonAliases = e.commonAliases;
  }
  return out;
});
const json = {
  header: {
    name: 'HireMatch skill dictionary',
    generatedBy: 'scripts/build-skill-dictionary.mjs',
    sources: ['hand-curated aliases', 'O*NET 29.x Technology Skills', 'ESCO v1.1.1 skills (knowledge)'],
    attribution: ATTRIBUTION,
    license: 'Derived data: CC BY 4.0 (see src/skills/ATTRIBUTION.md)',
    counts: { total: skills.length, onet: onetAdded, esco: escoAdded },
  },
  skills,
};
mkdirSync(dirname(outFile), { recursive: true });
const text = JSON.stringify(json) + '\n';
writeFileSync(outFile, text);
console.log(
  `wrote ${outFile}: ${skills.length} skills (${skills.length - onetAdded - escoAdded} curated, ${onetAdded} O*NET, ${escoAdded} ESCO), ${(text.length / 1024).toFixed(0)} KiB`,
);
